// Exports other tools trust (issue 11): the STEP of every model, read back by
// OCCT, passes BRepCheck and BOPAlgo_ArgumentAnalyzer's curve-on-surface and
// self-interference checks, which FreeCAD's geometry check runs.
//
// The exporter re-fits loose pcurves on a copy (io/export.cpp: for_step) and
// threads are built so that few edges come from intersections. One model is
// still out (2026-12-01): crossed_threads, 55 BOPAlgo_InvalidCurveOnSurface
// (status 10) of 1.3e-7 - 1.7e-7 on the curves where the flanks of its two
// threads cross (OCCT approximates surface/surface intersections to 1e-7 and
// a reader's sampled tolerance falls just short). It runs in the hidden
// `[.step-reread-known]`: `build/bin/lazycad_tests "[.step-reread-known]"`.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <BOPAlgo_ArgumentAnalyzer.hxx>
#include <BOPAlgo_CheckResult.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <STEPControl_Reader.hxx>
#include <TopExp_Explorer.hxx>

#include "lazycad/lazycad.hpp"
#include "script_runner.hpp"
#include "support.hpp"

using namespace lazycad;

namespace {

/// The analyzer's faults on `s`, by status, as "status: count, ...".
std::string analyzer_faults(const TopoDS_Shape& s) {
    BOPAlgo_ArgumentAnalyzer a;
    a.SetShape1(s);
    a.ArgumentTypeMode() = true;
    a.SelfInterMode() = true;
    a.SmallEdgeMode() = true;
    a.RebuildFaceMode() = true;
    a.ContinuityMode() = true;
    a.CurveOnSurfaceMode() = true;
    a.Perform();
    if (!a.HasFaulty()) return {};
    std::map<int, int> by_status;
    for (const BOPAlgo_CheckResult& r : a.GetCheckResult()) by_status[int(r.GetCheckStatus())] += 1;
    std::string out;
    for (auto [status, n] : by_status)
        out += (out.empty() ? "" : ", ") + std::string("BOPAlgo_CheckStatus ") +
               std::to_string(status) + ": " + std::to_string(n);
    return out;
}

} // namespace

namespace {

/// Models whose STEP is known not to read back clean yet (see the top).
const std::set<std::string> known_faults{"crossed_threads"};

/// Writes each model's STEP, reads it back and checks every solid; `known`
/// picks the models of known_faults (true) or all the others (false).
void check_models(bool known) {
    test::TempDir dir("step-reread");
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LAZYCAD_SOURCE_DIR) + "/models")) {
        if (entry.path().extension() != ".cpp") continue;
        const std::string name = entry.path().stem().string();
        if (known_faults.count(name) != (known ? 1u : 0u)) continue;
        DYNAMIC_SECTION(name) {
            ModelResult m = script::run_script(entry.path().string(), {}, {}).model;
            const std::string step = (dir / (name + ".step")).string();
            export_file(m.shapes, step);
            STEPControl_Reader reader;
            REQUIRE(reader.ReadFile(step.c_str()) == IFSelect_RetDone);
            REQUIRE(reader.TransferRoots() > 0);
            int i = 0;
            for (TopExp_Explorer e(reader.OneShape(), TopAbs_SOLID); e.More(); e.Next(), ++i) {
                INFO(name << ": solid " << i + 1);
                CHECK(BRepCheck_Analyzer(e.Current()).IsValid());
                CHECK(analyzer_faults(e.Current()) == "");
            }
            CHECK(i > 0);
        }
    }
}

} // namespace

TEST_CASE("step: every model's STEP reads back clean", "[step][models]") {
    check_models(false);
}

TEST_CASE("step: the models known to fail yet read back clean", "[.step-reread-known]") {
    check_models(true);
}
