// Benchmark: a threaded rod (shank of the minor diameter + thread) built cold
// and loaded warm from the directory cache, and the same rod against its
// native OCCT twin (thread_twin.hpp, issue 16). Reports figures, asserts nothing.
//
//   build/bin/bench_thread [repeats]      (or build/tests/bench/bench_thread)
//   build/bin/bench_thread --twin [repeats] [LENGTH...]   only the twin table
//       (default lengths 20 40 80 200; a Markdown table for tests/bench/run.sh)
//   build/bin/bench_thread --native L | --lazycad L DIR   one cold rod, for process timing
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

#include <sstream>

#include <BRepGProp.hxx>
#include <BinTools.hxx>
#include <GProp_GProps.hxx>
#include <TopExp_Explorer.hxx>
#include <fmt/format.h>

#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "thread_twin.hpp"
#include "bench_support.hpp"

using namespace lazycad;
using namespace lazycad::bench;
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

int faces(const TopoDS_Shape& s) {
    int n = 0;
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) ++n;
    return n;
}

std::string bintools_bytes(const TopoDS_Shape& s) {
    std::ostringstream out;
    BinTools::Write(s, out);
    return out.str();
}

/// The twin's lazycad side: the M10 rod as a user writes it (square ends,
/// like the native sweep, which has no runout).
struct LazyRod {
    Shape thread, rod;
};
LazyRod lazy_rod(double length) {
    ThreadSpec spec = thread_spec("M10", length);
    spec.start = spec.end = ThreadEnd::square;
    Shape t = thread(spec);
    return {t, cylinder(thread_minor_diameter(spec.diameter, spec.pitch) / 2, length) + t};
}

std::uintmax_t entry_bytes(const fs::path& dir, const Shape& s) {
    const std::string hex = s.key().hex();
    std::error_code ec;
    auto n = fs::file_size(dir / "objects" / hex.substr(0, 2) / hex, ec);
    return ec ? 0 : n;
}

/// `--native L` / `--lazycad L DIR`: one cold rod in a fresh process.
int one_rod(const std::string& which, double length, const char* dir) {
    if (which == "--native") {
        twin::NativeRod r = twin::native_rod(10, 1.5, length);
        return r.rod.IsNull() ? 1 : 0;
    }
    EvalOptions o;
    o.cache.dir = dir;
    evaluate({lazy_rod(length).rod}, o);
    return 0;
}

/// `--twin`: the issue 16 table, lazycad and the native program alternating.
int twin_table(const char* self, int reps, std::vector<double> lengths) {
    if (lengths.empty()) lengths = {20, 40, 80, 200};
    std::string tmpl = (fs::temp_directory_path() / "lazycad-bench-twin-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return 1;
    const fs::path root = tmpl;
    twin::native_rod(10, 1.5, 10); // warm-up: OCCT's lazy initialisation, libraries
    {
        EvalOptions o;
        o.cache.enabled = false;
        evaluate({lazy_rod(3).rod}, o);
    }
    fmt::print("| L mm | lazycad / native (process) | lazycad / native (in-process) | lazycad cold ms "
               "| native ms | thread node ms | native sweep ms | lazycad fuse ms | native fuse ms "
               "| faces: thread / sweep | faces: rod / native rod | thread entry / native rod "
               "BinTools KB | rod entry KB | hit load ms / native read ms | lazycad rod bare read ms "
               "| volume lazycad / native |\n");
    fmt::print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (double L : lengths) {
        std::vector<double> lazy_ms, native_ms, thread_ms, fuse_ms, sweep_ms, nfuse_ms, lazy_proc,
            native_proc, hit_ms, read_ms;
        twin::NativeRod native;
        LazyRod lazy = lazy_rod(L);
        std::uintmax_t thread_entry = 0, rod_entry = 0;
        for (int i = 0; i < reps; ++i) {
            native = twin::native_rod(10, 1.5, L);
            sweep_ms.push_back(native.sweep_ms);
            nfuse_ms.push_back(native.fuse_ms);
            native_ms.push_back(native.sweep_ms + native.fuse_ms);

            const fs::path dir = root / fmt::format("L{}-{}", L, i);
            EvalOptions o;
            o.cache.dir = dir.string();
            clear_memory_cache();
            auto t0 = Clock::now();
            evaluate({lazy.thread}, o);
            double t_thread = ms_since(t0);
            t0 = Clock::now();
            evaluate({lazy.rod}, o);
            double t_rod = ms_since(t0);
            thread_ms.push_back(t_thread);
            fuse_ms.push_back(t_rod);
            lazy_ms.push_back(t_thread + t_rod);
            thread_entry = entry_bytes(dir, lazy.thread);
            rod_entry = entry_bytes(dir, lazy.rod);
            // A hit: a new process's state (memory cleared), the rod's entry read.
            clear_memory_cache();
            t0 = Clock::now();
            evaluate({lazy.rod}, o);
            hit_ms.push_back(ms_since(t0));
            std::string bytes = bintools_bytes(native.rod);
            t0 = Clock::now();
            std::istringstream in(bytes);
            TopoDS_Shape back;
            BinTools::Read(back, in);
            read_ms.push_back(ms_since(t0));

            // Whole processes, alternating.
            const fs::path pdir = root / fmt::format("P{}-{}", L, i);
            t0 = Clock::now();
            int rc1 = std::system(fmt::format("'{}' --native {} ", self, L).c_str());
            native_proc.push_back(ms_since(t0));
            t0 = Clock::now();
            int rc2 = std::system(fmt::format("'{}' --lazycad {} '{}'", self, L, pdir.string()).c_str());
            lazy_proc.push_back(ms_since(t0));
            if (rc1 != 0 || rc2 != 0) fmt::print(stderr, "a process run failed ({} / {})\n", rc1, rc2);
        }
        EvalOptions mem;
        mem.cache.enabled = false;
        const TopoDS_Shape t = occt_shape(lazy.thread, mem), r = occt_shape(lazy.rod, mem);
        // The same bare read of lazycad's rod: how much of a hit is the shape
        // itself (its face count) rather than the cache around it.
        std::vector<double> own_read_ms;
        const std::string own = bintools_bytes(r);
        for (int i = 0; i < std::max(reps, 5); ++i) {
            const auto t0 = Clock::now();
            std::istringstream in(own);
            TopoDS_Shape back;
            BinTools::Read(back, in);
            own_read_ms.push_back(ms_since(t0));
        }
        fmt::print("| {:g} | {:.2f}× | {:.2f}× | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} | {:.0f} "
                   "| {} / {} | {} / {} | {:.1f} / {:.1f} | {:.1f} | {:.2f} / {:.2f} | {:.2f} | {:.1f} / {:.1f} |\n",
                   L, median(lazy_proc) / median(native_proc), median(lazy_ms) / median(native_ms),
                   median(lazy_ms), median(native_ms), median(thread_ms), median(sweep_ms),
                   median(fuse_ms), median(nfuse_ms), faces(t), faces(native.tooth), faces(r),
                   faces(native.rod), thread_entry / 1024.0,
                   bintools_bytes(native.rod).size() / 1024.0, rod_entry / 1024.0,
                   median(hit_ms), median(read_ms), median(own_read_ms), volume(lazy.rod, mem),
                   [&] {
                       GProp_GProps g;
                       BRepGProp::VolumeProperties(native.rod, g, 1e-6);
                       return g.Mass();
                   }());
        std::fflush(stdout);
    }
    fmt::print("\nMedians of {} alternating runs, M10x1.5 square-ended rod fused with its core. "
               "lazycad cold: empty cache folder and memory; 'thread node' is evaluate(thread), "
               "'fuse' evaluate(rod) after it (core, fuse, root check, stores). Native: "
               "tests/bench/thread_twin.hpp (MakePipeShell + Fuse + SimplifyResult). Process: "
               "`bench_thread --native L` vs `--lazycad L DIR`, whole process wall time.\n",
               reps);
    std::error_code ec;
    fs::remove_all(root, ec);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && (std::string(argv[1]) == "--native" || std::string(argv[1]) == "--lazycad"))
        return one_rod(argv[1], std::atof(argv[2]), argc >= 4 ? argv[3] : "");
    if (argc >= 2 && std::string(argv[1]) == "--twin") {
        int reps = argc >= 3 ? std::max(1, std::atoi(argv[2])) : 3;
        std::vector<double> lengths;
        for (int i = 3; i < argc; ++i) lengths.push_back(std::atof(argv[i]));
        return twin_table(argv[0], reps, lengths);
    }
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
    fmt::print("\nThe M10 rod against its native OCCT twin (issue 16):\n\n");
    return twin_table(argv[0], 3, {});
}
