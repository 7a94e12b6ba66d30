// chamfer(d, edges): bevel the selected edges of a solid with equal distances
// (BRepFilletAPI_MakeChamfer); failures name 'd' (geometry/blend.hpp).

#include <BRepFilletAPI_MakeChamfer.hxx>

#include "geometry/blend.hpp"
#include "geometry/compute.hpp"
#include "geometry/selection_eval.hpp"

namespace lazycad::detail {

namespace {

const Compute chamfer_compute{"chamfer", [](const OpContext& c) {
    std::vector<TopoDS_Edge> edges = select_blend_edges(c.inputs[0], c.value("edges"), c.op(), "edges");
    BRepFilletAPI_MakeChamfer b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(c.num("d"), e);
    return build_blend(b, c, "d", edges.size(), "bevelled");
}};

} // namespace

} // namespace lazycad::detail
