// Laziness overhead: models/plate_with_holes.cpp built through lazycad (cache
// off, one job) against its twin below, the same OCCT calls made directly.
//
//   bench_overhead_twin MODEL.cpp [REPS]     median times, alternating runs
//   bench_overhead_twin --occt-only          one plain OCCT build (process timing)
//   bench_overhead_twin --policy REPS MODEL.cpp...
//       the validity policy's cold cost (issue 11): each model evaluated in
//       process (cache off, one job), alternating policy on and off
//       (LAZYCAD_BENCH_NO_VALIDITY), medians; then a warm run (directory
//       cache filled, memory cleared) must run no check
//   bench_overhead_twin --threads MODEL [REPS]
//       two plain OCCT builds one after the other vs on two threads (the
//       machine's ceiling for `--jobs 2`), alternating with MODEL evaluated
//       by lazycad (cache off) at jobs 1 and jobs 2, so both see the same load
//
// Prints `key value` lines for tests/bench/run.sh. Reports, asserts nothing.
// The twin must stay in step with the model's default parameters; both
// volumes are printed so a mismatch shows.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepGProp.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <GProp_GProps.hxx>
#include <TopLoc_Location.hxx>
#include <gp_Ax2.hxx>
#include <gp_Trsf.hxx>

#include "lazycad/lazycad.hpp"
#include "script_runner.hpp"
#include "bench_support.hpp"

using namespace lazycad;
using namespace lazycad::bench;

namespace {

TopoDS_Shape moved(const TopoDS_Shape& s, double x, double y, double z) {
    gp_Trsf t;
    t.SetTranslation(gp_Vec(x, y, z));
    return s.Moved(TopLoc_Location(t));
}

TopoDS_Shape cylinder(double r, double h) {
    return BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(0, 0, 0), gp::DZ()), r, h).Shape();
}

/// How the twin checks each boolean result.
enum class Check { none, full, topology };

/// The twin of models/plate_with_holes.cpp at its default parameters.
/// Check::full runs BRepCheck on every boolean result, as lazycad did until it
/// checked only results OCCT warned about; Check::topology the same without
/// geometric controls. Both show what such a policy would cost.
TopoDS_Shape plate_with_holes(Check check) {
    const double thickness = 8, pitch = 12, hole_r = 2.5;
    const int rows = 4, cols = 6;
    TopoDS_Shape plate = BRepPrimAPI_MakeBox(gp_Pnt(0, 0, 0), cols * pitch, rows * pitch, thickness).Shape();
    TopoDS_Shape hole = moved(cylinder(hole_r, thickness + 2), 0, 0, -1);
    TopoDS_Shape counterbore = moved(cylinder(2 * hole_r, thickness / 2 + 1), 0, 0, thickness / 2);
    auto cut = [check](const TopoDS_Shape& a, const TopoDS_Shape& b) {
        BRepAlgoAPI_Cut op(a, b);
        if (!op.IsDone() || op.HasErrors()) {
            std::fprintf(stderr, "twin: cut failed\n");
            std::exit(1);
        }
        if (check != Check::none &&
            !BRepCheck_Analyzer(op.Shape(), /*GeomControls=*/check == Check::full).IsValid())
            std::exit(1);
        return op.Shape();
    };
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            double x = pitch * (c + 0.5), y = pitch * (r + 0.5);
            plate = cut(cut(plate, moved(hole, x, y, 0)), moved(counterbore, x, y, 0));
        }
    return plate;
}

double volume_of(const TopoDS_Shape& s) {
    GProp_GProps p;
    BRepGProp::VolumeProperties(s, p, 1e-6);
    return p.Mass();
}

} // namespace

/// `--policy`: prints `policy NAME ON_MS OFF_MS OVERHEAD_PCT CHECKED CHECK_MS WARM_CHECKED`,
/// ON_MS and OFF_MS in CPU time.
int policy_cost(int reps, int argc, char** argv) {
    namespace fs = std::filesystem;
    for (int m = 0; m < argc; ++m) {
        std::string name = fs::path(argv[m]).stem().string();
        try {
            const std::string folder = fs::absolute(argv[m]).parent_path().string();
            ModelResult model = run_model(script::load(script::compile(argv[m], CacheOptions{}).object),
                                          {}, "", folder);
            std::vector<Shape> roots;
            for (const Displayed& d : model.shapes) roots.push_back(d.shape);
            EvalOptions eval;
            eval.cache.enabled = false;
            eval.jobs = 1;
            auto timed = [&](bool policy, Stats* stats) {
                if (policy) unsetenv("LAZYCAD_BENCH_NO_VALIDITY");
                else setenv("LAZYCAD_BENCH_NO_VALIDITY", "1", 1);
                clear_memory_cache();
                const double t0 = process_cpu_ms();
                Stats s = evaluate(roots, eval);
                const double ms = process_cpu_ms() - t0;
                if (stats) *stats = s;
                unsetenv("LAZYCAD_BENCH_NO_VALIDITY");
                return ms;
            };
            timed(true, nullptr); // warm-up: libraries, OCCT's lazy initialisation
            std::vector<double> on, off;
            Stats checked;
            for (int i = 0; i < reps; ++i) {
                off.push_back(timed(false, nullptr));
                on.push_back(timed(true, &checked));
            }
            // Warm: a filled directory cache and an empty memory, as a new process sees.
            fs::path dir = fs::temp_directory_path() / ("lazycad-policy-" + name);
            fs::remove_all(dir);
            EvalOptions cached;
            cached.cache.dir = dir.string();
            cached.jobs = 1;
            clear_memory_cache();
            evaluate(roots, cached);
            clear_memory_cache();
            Stats warm = evaluate(roots, cached);
            fs::remove_all(dir);
            double a = median(on), b = median(off);
            std::printf("policy %s %.2f %.2f %.1f %llu %.2f %llu\n", name.c_str(), a, b,
                        100.0 * (a - b) / b, (unsigned long long)checked.checked, checked.check_ms,
                        (unsigned long long)warm.checked);
        } catch (const std::exception& e) {
            std::printf("policy %s error %s\n", name.c_str(), e.what());
        }
        std::fflush(stdout);
    }
    return 0;
}

int main(int argc, char** argv) {
    if (argc >= 4 && std::string(argv[1]) == "--policy")
        return policy_cost(std::atoi(argv[2]), argc - 3, argv + 3);
    if (argc >= 2 && std::string(argv[1]) == "--occt-only") {
        std::printf("occt_volume %.6f\n", volume_of(plate_with_holes(Check::none)));
        return 0;
    }
    if (argc >= 3 && std::string(argv[1]) == "--threads") {
        int reps = argc >= 4 ? std::atoi(argv[3]) : 3;
        ModelResult model = script::run_compiled(script::compile(argv[2], CacheOptions{}), {});
        std::vector<Shape> roots;
        for (const Displayed& d : model.shapes) roots.push_back(d.shape);
        auto lazy = [&](unsigned jobs) {
            EvalOptions eval;
            eval.cache.enabled = false;
            eval.jobs = jobs;
            clear_memory_cache();
            auto t0 = Clock::now();
            evaluate(roots, eval);
            return ms_since(t0);
        };
        plate_with_holes(Check::none); // warm-up
        lazy(1);
        std::vector<double> serial, parallel, jobs1, jobs2;
        for (int i = 0; i < reps; ++i) {
            jobs1.push_back(lazy(1));
            jobs2.push_back(lazy(2));
            auto t0 = Clock::now();
            plate_with_holes(Check::none);
            plate_with_holes(Check::none);
            serial.push_back(ms_since(t0));
            t0 = Clock::now();
            std::thread a([] { plate_with_holes(Check::none); });
            std::thread b([] { plate_with_holes(Check::none); });
            a.join();
            b.join();
            parallel.push_back(ms_since(t0));
        }
        std::printf("serial_ms %.2f\n", median(serial));
        std::printf("parallel_ms %.2f\n", median(parallel));
        std::printf("speedup %.2f\n", median(serial) / median(parallel));
        std::printf("jobs1_ms %.2f\n", median(jobs1));
        std::printf("jobs2_ms %.2f\n", median(jobs2));
        std::printf("jobs_speedup %.2f\n", median(jobs1) / median(jobs2));
        return 0;
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_overhead_twin MODEL.cpp [REPS] | --occt-only\n");
        return 2;
    }
    int reps = argc >= 3 ? std::atoi(argv[2]) : 5;
    // The same OCCT calls as the twin: the chain link by link, not folded into
    // one n-ary cut (bench_chain measures folding).
    setenv("LAZYCAD_BENCH_NO_FOLD", "1", 1);

    // The script compiles once (cached by the runner); only evaluation is timed.
    CacheOptions script_cache; // default root, as `lazycad run` would use
    ModelResult model = script::run_compiled(script::compile(argv[1], script_cache), {});
    std::vector<Shape> roots;
    for (const Displayed& d : model.shapes) roots.push_back(d.shape);
    EvalOptions eval;
    eval.cache.enabled = false;
    eval.jobs = 1;

    std::vector<double> occt, occt_check, occt_topo, lazy;
    double occt_volume = 0, lazy_volume = 0;
    for (int i = 0; i <= reps; ++i) { // round 0 warms up (OCCT's lazy initialisation)
        auto t0 = Clock::now();
        TopoDS_Shape s = plate_with_holes(Check::none);
        double a = ms_since(t0);
        t0 = Clock::now();
        plate_with_holes(Check::full);
        double b = ms_since(t0);
        t0 = Clock::now();
        plate_with_holes(Check::topology);
        double d = ms_since(t0);
        clear_memory_cache();
        t0 = Clock::now();
        evaluate(roots, eval);
        double c = ms_since(t0);
        if (i == 0) {
            occt_volume = volume_of(s);
            lazy_volume = volume(roots.front(), eval);
            continue;
        }
        occt.push_back(a);
        occt_check.push_back(b);
        occt_topo.push_back(d);
        lazy.push_back(c);
    }
    double m_occt = median(occt), m_check = median(occt_check), m_lazy = median(lazy);
    std::printf("reps %d\n", reps);
    std::printf("occt_ms %.2f\n", m_occt);
    std::printf("occt_check_ms %.2f\n", m_check);
    std::printf("occt_topology_check_ms %.2f\n", median(occt_topo));
    std::printf("lazycad_ms %.2f\n", m_lazy);
    std::printf("overhead_pct %.2f\n", 100.0 * (m_lazy - m_occt) / m_occt);
    std::printf("occt_volume %.6f\n", occt_volume);
    std::printf("lazycad_volume %.6f\n", lazy_volume);
    return 0;
}
