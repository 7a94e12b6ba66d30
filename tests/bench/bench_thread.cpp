// Benchmark: a threaded rod (shank of the minor diameter + thread) built cold
// and loaded warm from the directory cache. Reports figures, asserts nothing.
//
//   build/bin/bench_thread [repeats]      (or build/tests/bench/bench_thread)
//
// Cold: empty cache folder and a fresh memory cache, so every node of the rod
// is computed (and the expensive ones stored). Warm: the memory cache is
// dropped (the state of a new process) and the same rod is evaluated against
// the now filled folder: only the root's entry is read.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lazycad/lazycad.hpp"

using namespace lazycad;
namespace fs = std::filesystem;

namespace {

struct Run {
    double wall_ms;
    double cpu_ms; ///< process CPU time: less sensitive than wall time to a busy machine
    Stats stats;
};

double cpu_now_ms() {
    return 1000.0 * double(std::clock()) / CLOCKS_PER_SEC;
}

Run timed_evaluate(const Shape& s, const EvalOptions& o) {
    double c0 = cpu_now_ms();
    auto t0 = std::chrono::steady_clock::now();
    Stats st = evaluate({s}, o);
    auto t1 = std::chrono::steady_clock::now();
    return {std::chrono::duration<double, std::milli>(t1 - t0).count(), cpu_now_ms() - c0, st};
}

Shape shank(double length) {
    ThreadSize m8 = iso_coarse_size("M8");
    return cylinder(thread_minor_diameter(m8.diameter, m8.pitch) / 2, length);
}

} // namespace

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::string tmpl = (fs::temp_directory_path() / "lazycad-bench-thread-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
        fmt::print(stderr, "cannot make a temporary folder\n");
        return 1;
    }
    const fs::path dir = tmpl;
    EvalOptions cached;
    cached.cache.dir = dir.string();

    fmt::print("{:<16} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}\n", "shape",
               "cold ms", "cold cpu", "thread", "fuse", "computed", "store ms", "warm ms",
               "warm cpu", "KB read", "cold/warm");
    for (double length : {30.0, 100.0}) {
        Shape t = thread("M8", length);
        Shape rod = shank(length) + t;

        // Cold, in two steps to show where the time goes: the thread, then
        // the shank and the fuse (the thread now comes from memory).
        clear_memory_cache();
        Run cold_thread = timed_evaluate(t, cached);
        Run cold_fuse = timed_evaluate(rod, cached);
        Run cold{cold_thread.wall_ms + cold_fuse.wall_ms, cold_thread.cpu_ms + cold_fuse.cpu_ms,
                 cold_thread.stats};
        cold.stats += cold_fuse.stats;

        std::vector<Run> warm;
        for (int i = 0; i < repeats; ++i) {
            clear_memory_cache();
            warm.push_back(timed_evaluate(rod, cached));
        }
        std::sort(warm.begin(), warm.end(),
                  [](const Run& a, const Run& b) { return a.wall_ms < b.wall_ms; });
        const Run& w = warm[warm.size() / 2]; // median

        fmt::print("{:<16} {:>9.0f} {:>9.0f} {:>9.0f} {:>9.0f} {:>8} {:>8.1f} {:>8.2f} {:>8.2f} "
                   "{:>8.1f} {:>9.0f}\n",
                   fmt::format("M8x{:g} + shank", length), cold.wall_ms, cold.cpu_ms,
                   cold_thread.wall_ms, cold_fuse.wall_ms, cold.stats.computed, cold.stats.store_ms,
                   w.wall_ms, w.cpu_ms, w.stats.bytes_read / 1024.0, cold.wall_ms / w.wall_ms);
        if (w.stats.disk_hits != 1 || w.stats.computed != 0)
            fmt::print("  note: warm run computed {} nodes and read {} entries\n", w.stats.computed,
                       w.stats.disk_hits);
    }
    fmt::print("(ms are wall-clock unless 'cpu'; 'thread' and 'fuse' split the cold wall time)\n");
    fmt::print(
        "(cold: empty cache folder, fresh memory cache; warm: median of {} runs, each after\n"
        " clear_memory_cache(), reading the root from {})\n",
        repeats, dir.string());
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
