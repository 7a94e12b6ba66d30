#pragma once
// Timing helpers the benchmark programs share.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

namespace lazycad::bench {

using Clock = std::chrono::steady_clock;

inline double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// The median of `v` (0 if empty).
inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

/// CPU time of the whole process in ms, all threads (the evaluator computes
/// on workers): work, measured even while other jobs share the machine.
inline double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

} // namespace lazycad::bench
