// The lazy graph's own costs (issue 16):
//   nodes    making a node (key, origin): 100 000 translates in one chain
//   chain    a plate with N holes written as a chain of cuts
//            (`plate - c1 - c2 - ... - cN`, folded by the evaluator into one
//            n-ary cut) against `plate - union_all(cs)`: cold time, entries
//            and bytes written, each in a fresh cache folder
//   unfolded the chain link by link (LAZYCAD_BENCH_NO_FOLD=1), only when
//            UNFOLDED_N > 0 holes (it is O(N^2): 315 s at N = 1000)
//
//   bench_chain CACHE_DIR [N=1000] [UNFOLDED_N=0]
//
// Prints `key value` lines for tests/bench/run.sh. Reports, asserts nothing.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cache/entry.hpp"
#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "bench_support.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::bench;

namespace {

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

/// A plate with `n` holes on a 4 mm grid, 40 holes a row.
struct Plate {
    Shape plate;
    std::vector<Shape> tools;
};
Plate plate_with(int n) {
    const int cols = 40, rows = (n + cols - 1) / cols;
    Plate p{box(cols * 4.0, rows * 4.0, 5), {}};
    Shape hole = cylinder(1, 7).down(1);
    for (int k = 0; k < n; ++k) p.tools.push_back(hole.translate(2 + 4.0 * (k % cols), 2 + 4.0 * (k / cols), 0));
    return p;
}

std::uintmax_t largest_entry(const fs::path& root) {
    std::uintmax_t most = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root / "objects", ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file()) most = std::max(most, it->file_size());
    return most;
}

/// Evaluate `s` cold in its own folder; prints `<tag>_ms`, `_stored`, `_bytes`,
/// `_entry` (the largest entry: the root's) and `_volume`.
void cold(const std::string& tag, const Shape& s, const fs::path& dir) {
    fs::remove_all(dir);
    EvalOptions o;
    o.cache.dir = dir.string();
    clear_memory_cache();
    auto t0 = Clock::now();
    const double c0 = process_cpu_ms();
    Stats st = evaluate({s}, o);
    double ms = ms_since(t0);
    std::printf("%s_cpu_ms %.1f\n", tag.c_str(), process_cpu_ms() - c0);
    std::printf("%s_ms %.1f\n%s_stored %llu\n%s_bytes %llu\n%s_folded %llu\n%s_entry %llu\n", tag.c_str(), ms,
                tag.c_str(), (unsigned long long)st.stored, tag.c_str(),
                (unsigned long long)st.bytes_written, tag.c_str(), (unsigned long long)st.folded,
                tag.c_str(), (unsigned long long)largest_entry(dir));
    std::printf("%s_volume %.6f\n", tag.c_str(), volume(s, o));
    std::fflush(stdout);
}

/// The rates the store policy assumes (eval/evaluator.cpp), in this thread's
/// CPU time (wall time on a shared machine is mostly waiting): writing `s`'s
/// entry (BinTools, then the file) and reading it back (evaluate() of the
/// root alone from disk: file, SHA-256, BinTools). Medians of 5.
void rates(const Shape& s, const fs::path& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    EvalOptions o;
    o.cache.dir = dir.string();
    clear_memory_cache();
    Evaluation cold = evaluate({s}, o);
    const TopoDS_Shape shape = occt_shape(cold.results[0]);
    std::vector<double> write;
    std::size_t bytes = 0;
    for (int r = 0; r < 5; ++r) {
        const double c0 = thread_cpu_ms();
        std::string payload = detail::write_payload(shape);
        std::ofstream(dir / "payload.tmp", std::ios::binary) << payload;
        fs::rename(dir / "payload.tmp", dir / "payload");
        write.push_back(thread_cpu_ms() - c0);
        bytes = payload.size();
    }
    std::vector<double> read;
    for (int r = 0; r < 5; ++r) {
        clear_memory_cache();
        const double c0 = thread_cpu_ms();
        evaluate({s}, o);
        read.push_back(thread_cpu_ms() - c0);
    }
    std::sort(write.begin(), write.end());
    std::sort(read.begin(), read.end());
    std::printf("entry_bytes %zu\nstore_MBps %.0f\nload_MBps %.0f\n", bytes, double(bytes) / write[2] / 1e3,
                double(bytes) / read[2] / 1e3);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_chain CACHE_DIR [N=1000] [UNFOLDED_N=0]\n");
        return 2;
    }
    const fs::path dir = argv[1];
    const int n = argc >= 3 ? std::atoi(argv[2]) : 1000;
    const int unfolded_n = argc >= 4 ? std::atoi(argv[3]) : 0;

    { // Node creation: the median of 5 rounds of 100 000 nodes, wall and this
      // thread's CPU time (on a machine shared by several builds, wall time is
      // mostly waiting for a core).
        std::vector<double> us, cpu;
        for (int r = 0; r < 5; ++r) {
            Shape s = box(1, 1, 1);
            auto t0 = Clock::now();
            const double c0 = thread_cpu_ms();
            for (int i = 0; i < 100000; ++i) s = s.up(0.001);
            us.push_back(ms_since(t0) * 1000 / 100000);
            cpu.push_back((thread_cpu_ms() - c0) * 1000 / 100000);
        }
        std::sort(us.begin(), us.end());
        std::sort(cpu.begin(), cpu.end());
        std::printf("node_us %.3f\nnode_cpu_us %.3f\n", us[2], cpu[2]);
    }

    Plate p = plate_with(n);
    Shape chain = p.plate;
    for (const Shape& t : p.tools) chain = chain - t;
    std::printf("holes %d\n", n);
    cold("chain", chain, dir / "chain");
    cold("union_all", p.plate - union_all(p.tools), dir / "union_all");
    rates(chain, dir / "rates");
    if (unfolded_n > 0) {
        Plate q = plate_with(unfolded_n);
        Shape c = q.plate;
        for (const Shape& t : q.tools) c = c - t;
        std::printf("unfolded_holes %d\n", unfolded_n);
        cold("folded_small", c, dir / "folded_small");
        setenv("LAZYCAD_BENCH_NO_FOLD", "1", 1);
        cold("unfolded", c, dir / "unfolded");
        unsetenv("LAZYCAD_BENCH_NO_FOLD");
    }
    fs::remove_all(dir);
    return 0;
}
