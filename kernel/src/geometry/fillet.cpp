// fillet(r, edges): round the selected edges of a solid
// (BRepFilletAPI_MakeFillet); failures name 'r' (geometry/blend.hpp).

#include <algorithm>
#include <array>

#include <ChFi3d.hxx>
#include <Precision.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "geometry/blend.hpp"
#include "geometry/compute.hpp"
#include "geometry/selection_eval.hpp"

namespace lazycad::detail {

namespace {

/// Before asking OCCT: the ball that rolls along a convex edge is material of
/// the solid, so its diameter cannot exceed the solid's smallest bounding-box
/// size. (Concave edges roll the ball outside the solid: no such bound.)
void check_convex_edges_fit(const OpContext& c, const std::vector<TopoDS_Edge>& edges) {
    const TopoDS_Shape& body = c.inputs[0];
    const std::array<double, 3> size = box_size(body);
    const double thinnest = std::min({size[0], size[1], size[2]});
    const double r = c.num("r");
    if (2 * r <= thinnest) return;
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(body, TopAbs_EDGE, TopAbs_FACE, faces_of);
    for (const TopoDS_Edge& e : edges) {
        const TopTools_ListOfShape& f = faces_of.FindFromKey(e);
        if (ChFi3d::DefineConnectType(e, TopoDS::Face(f.First()), TopoDS::Face(f.Last()),
                                      Precision::Angular(), false) == ChFiDS_Convex)
            blend_too_large(c, "r", edges.size(),
                            fmt::format("a convex edge needs a ball of diameter {} inside a "
                                        "solid only {:.6g} thick",
                                        2 * r, thinnest));
    }
}

const Compute fillet_compute{"fillet", [](const OpContext& c) {
    const double r = c.num("r");
    std::vector<TopoDS_Edge> edges = select_blend_edges(c.inputs[0], c.value("edges"), c.op(), "edges");
    check_convex_edges_fit(c, edges);
    BRepFilletAPI_MakeFillet b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(r, e);
    return build_blend(b, c, "r", edges.size(), "rounded");
}};

} // namespace

} // namespace lazycad::detail
