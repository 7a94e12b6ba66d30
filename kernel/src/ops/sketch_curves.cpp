// Faces bounded by curves: ellipse, and a face from a closed planar wire.

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLib_FindSurface.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>
#include <gp_Elips.hxx>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "ops/sketch_util.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef ellipse_op{"ellipse", 1, Cost::cheap, false, [](const OpContext& c) {
    double rx = c.num("rx"), ry = c.num("ry");
    // gp_Elips wants the major radius first, along the frame's X direction.
    gp_Ax2 frame = rx >= ry ? gp_Ax2(gp::Origin(), gp::DZ(), gp::DX())
                            : gp_Ax2(gp::Origin(), gp::DZ(), gp::DY());
    BRepBuilderAPI_MakeEdge edge(gp_Elips(frame, std::max(rx, ry), std::min(rx, ry)));
    BRepBuilderAPI_MakeWire wire(TopoDS::Edge(built(edge, c.op())));
    BRepBuilderAPI_MakeFace face(TopoDS::Wire(built(wire, c.op())), true);
    return built(face, c.op());
}};

const OpDef face_op{"face", 1, Cost::cheap, true, [](const OpContext& c) {
    TopoDS_Wire w = as_wire(c.inputs[0], c.op(), "wire");
    TopoDS_Vertex first, last;
    TopExp::Vertices(w, first, last);
    if (first.IsNull() || !first.IsSame(last)) fail(c.op(), "wire", "must be closed");
    if (!BRepLib_FindSurface(w, 1e-6, /*OnlyPlane=*/true).Found())
        fail(c.op(), "wire", "must be planar");
    require_simple(w, c.op(), "wire");
    BRepBuilderAPI_MakeFace face(w, /*OnlyPlane=*/true);
    return built(face, c.op());
}};

} // namespace

Shape ellipse(double rx, double ry) {
    require_positive("ellipse", "rx", rx);
    require_positive("ellipse", "ry", ry);
    return make_node(ellipse_op, {{"rx", rx}, {"ry", ry}});
}

Shape face(const Shape& closed_wire) { return make_node(face_op, {}, {closed_wire}); }

} // namespace lazycad
