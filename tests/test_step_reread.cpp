// Exports other tools trust (issue 11): the STEP of every model, read back by
// OCCT, passes BRepCheck and BOPAlgo_ArgumentAnalyzer's curve-on-surface and
// self-interference checks, which FreeCAD's geometry check runs.
//
// The exporter works on a copy (io/export.cpp: for_step): it re-fits loose
// pcurves and re-computes the curves booleans approximated where two
// surfaces cross (io/intersection_edges.cpp); without the latter,
// crossed_threads read back with 45 BOPAlgo_InvalidCurveOnSurface (status 10)
// of 1.3e-7 - 2.7e-7 where the flanks of its two threads cross.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

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

TEST_CASE("step: every model's STEP reads back clean", "[step][models]") {
    test::TempDir dir("step-reread");
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LAZYCAD_SOURCE_DIR) + "/models")) {
        if (entry.path().extension() != ".cpp") continue;
        const std::string name = entry.path().stem().string();
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
