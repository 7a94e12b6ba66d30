// fillet(r, edges): round the selected edges of a solid (BRepFilletAPI_MakeFillet).
// OCCT 7.6 rarely says *why* a fillet failed; almost always the radius does not
// fit the faces next to the edge, so a failed or invalid result is reported as
// parameter 'r' too large. The result is checked here (not by the evaluator)
// so the message can name the parameter.

#include <algorithm>

#include <BRepBndLib.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <ChFi3d.hxx>
#include <Precision.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/selection_eval.hpp"

namespace lazycad::detail {

namespace {

[[noreturn]] void too_large(const OpContext& c, std::size_t n_edges, const std::string& why) {
    fail(c.op(), "r",
         fmt::format("too large for the selected edges (r = {} on {} edge(s) of {}; {})",
                     c.num("r"), n_edges, describe_edges(c.value("edges")), why));
}

/// Before asking OCCT: the ball that rolls along a convex edge is material of
/// the solid, so its diameter cannot exceed the solid's smallest bounding-box
/// size. (Concave edges roll the ball outside the solid: no such bound.)
void check_convex_edges_fit(const OpContext& c, const std::vector<TopoDS_Edge>& edges) {
    const TopoDS_Shape& body = c.inputs[0];
    Bnd_Box box;
    BRepBndLib::Add(body, box);
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    const double thinnest = std::min({x1 - x0, y1 - y0, z1 - z0}) - 2 * box.GetGap();
    const double r = c.num("r");
    if (2 * r <= thinnest) return;
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(body, TopAbs_EDGE, TopAbs_FACE, faces_of);
    for (const TopoDS_Edge& e : edges) {
        const TopTools_ListOfShape& f = faces_of.FindFromKey(e);
        if (ChFi3d::DefineConnectType(e, TopoDS::Face(f.First()), TopoDS::Face(f.Last()),
                                      Precision::Angular(), false) == ChFiDS_Convex)
            too_large(c, edges.size(),
                      fmt::format("a convex edge needs a ball of diameter {} inside a solid only "
                                  "{:.6g} thick",
                                  2 * r, thinnest));
    }
}

const Compute fillet_compute{"fillet", [](const OpContext& c) {
    const double r = c.num("r");
    std::vector<TopoDS_Edge> edges = select_blend_edges(c.inputs[0], c.value("edges"), c.op(), "edges");
    check_convex_edges_fit(c, edges);
    BRepFilletAPI_MakeFillet b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(r, e);
    try {
        b.Build(c.progress);
    } catch (const Standard_Failure& f) {
        too_large(c, edges.size(), fmt::format("OCCT: {}", f.GetMessageString()));
    }
    if (!b.IsDone()) too_large(c, edges.size(), "OCCT could not build the fillet");
    TopoDS_Shape result = b.Shape();
    if (!BRepCheck_Analyzer(result).IsValid())
        too_large(c, edges.size(), "the rounded solid is not valid");
    return result;
}};

} // namespace

} // namespace lazycad::detail
