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
#include <BRepAdaptor_Curve.hxx>
#include <BRepAlgoAPI_Common.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepGProp.hxx>
#include <BRepLib_CheckCurveOnSurface.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <GProp_GProps.hxx>
#include <STEPControl_Reader.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <cmath>

#include "io/export_formats.hpp"
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

/// The largest distance between an edge's 3D curve and its curve on a face,
/// as BOPAlgo_ArgumentAnalyzer measures it, over the edges with a 3D curve
/// of type `type` (all edges if GeomAbs_OtherCurve).
double worst_curve_on_surface(const TopoDS_Shape& s, GeomAbs_CurveType type = GeomAbs_OtherCurve) {
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndAncestors(s, TopAbs_EDGE, TopAbs_FACE, faces_of);
    double worst = 0;
    for (int i = 1; i <= faces_of.Extent(); ++i) {
        const TopoDS_Edge& e = TopoDS::Edge(faces_of.FindKey(i));
        if (type != GeomAbs_OtherCurve && BRepAdaptor_Curve(e).GetType() != type) continue;
        for (const TopoDS_Shape& f : faces_of(i)) {
            BRepLib_CheckCurveOnSurface check(e, TopoDS::Face(f));
            check.Perform();
            REQUIRE(check.IsDone());
            worst = std::max(worst, check.MaxDistance());
        }
    }
    return worst;
}

double volume(const TopoDS_Shape& s) {
    GProp_GProps props;
    BRepGProp::VolumeProperties(s, props);
    return props.Mass();
}

} // namespace

TEST_CASE("step: curves where two surfaces cross are re-computed for STEP", "[step]") {
    // Two cylinders crossing off-centre: the boolean approximates their
    // intersection curves to ~3e-7, more than a STEP reader's 1e-7.
    TopoDS_Shape z = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(0, 0, -10), gp::DZ()), 5, 20).Shape();
    TopoDS_Shape x = BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(-10, 1, 0), gp::DX()), 3, 20).Shape();
    TopoDS_Shape common = BRepAlgoAPI_Common(z, x).Shape();
    const double before = worst_curve_on_surface(common, GeomAbs_BSplineCurve);
    REQUIRE(before > 1e-7);

    TopoDS_Shape copy = detail::for_step(common);
    CHECK(worst_curve_on_surface(copy, GeomAbs_BSplineCurve) < 2e-8);
    CHECK(worst_curve_on_surface(copy) < 1e-7);
    CHECK(BRepCheck_Analyzer(copy).IsValid());
    // The faces are the same: so is the volume, and the shape is untouched.
    CHECK(volume(copy) == Approx(volume(common)).epsilon(1e-6));
    CHECK(worst_curve_on_surface(common, GeomAbs_BSplineCurve) == before);
}

TEST_CASE("step: a bevelled hexagon's hyperbolas stay on their faces for STEP", "[step]") {
    // A hexagonal prism (16 across flats) bevelled by a cone: the side planes
    // meet the cone in hyperbolas, whose curves on the cone are re-fitted.
    BRepBuilderAPI_MakePolygon hexagon;
    for (int k = 0; k < 6; ++k)
        hexagon.Add(gp_Pnt(16 / std::sqrt(3.0) * std::cos(k * M_PI / 3),
                           16 / std::sqrt(3.0) * std::sin(k * M_PI / 3), 0));
    hexagon.Close();
    TopoDS_Shape prism =
        BRepPrimAPI_MakePrism(BRepBuilderAPI_MakeFace(hexagon.Wire()).Face(), gp_Vec(0, 0, 8)).Shape();
    TopoDS_Shape cone = BRepPrimAPI_MakeCone(gp_Ax2(gp_Pnt(0, 0, 0), gp::DZ()), 10, 2, 8).Shape();
    TopoDS_Shape nut = BRepAlgoAPI_Common(prism, cone).Shape();
    REQUIRE(worst_curve_on_surface(nut, GeomAbs_Hyperbola) > 1e-7); // what a reader would flag

    TopoDS_Shape copy = detail::for_step(nut);
    CHECK(worst_curve_on_surface(copy) < 1e-7);
    CHECK(BRepCheck_Analyzer(copy).IsValid());
    CHECK(volume(copy) == Approx(volume(nut)).epsilon(1e-6));
}

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
