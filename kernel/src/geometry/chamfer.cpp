// chamfer(d, edges): bevel the selected edges of a solid with equal distances
// (BRepFilletAPI_MakeChamfer); failures name 'd' (geometry/blend.hpp).

#include <BRepFilletAPI_MakeChamfer.hxx>

#include "geometry/blend.hpp"
#include "geometry/compute.hpp"
#include "geometry/selection_eval.hpp"
#include "params/blend.hpp"

namespace lazycad::detail {

namespace {

const Compute chamfer_compute{params::chamfer::op, [](const OpContext& c) {
    std::vector<TopoDS_Edge> edges = select_blend_edges(
        c.inputs[0], c[params::chamfer::edges], c.op(), params::chamfer::edges.name,
        std::vector<TopoDS_Shape>(c.inputs.begin() + 1, c.inputs.end()));
    BRepFilletAPI_MakeChamfer b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(c[params::chamfer::d], e);
    return build_blend(b, c, params::chamfer::d, edges.size(), "bevelled");
}};

} // namespace

} // namespace lazycad::detail
