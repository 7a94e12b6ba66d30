// Faces bounded by curves: ellipse, and a face from a closed planar wire.

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLib_FindSurface.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>
#include <gp_Elips.hxx>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sketch.hpp"

namespace lazycad::detail {

namespace {

const Compute ellipse_compute{params::ellipse::op, [](const OpContext& c) {
    double rx = c[params::ellipse::rx], ry = c[params::ellipse::ry];
    // gp_Elips wants the major radius first, along the frame's X direction.
    gp_Ax2 frame = rx >= ry ? gp_Ax2(gp::Origin(), gp::DZ(), gp::DX())
                            : gp_Ax2(gp::Origin(), gp::DZ(), gp::DY());
    BRepBuilderAPI_MakeEdge edge(gp_Elips(frame, std::max(rx, ry), std::min(rx, ry)));
    BRepBuilderAPI_MakeWire wire(TopoDS::Edge(built(edge, c.op())));
    BRepBuilderAPI_MakeFace face(TopoDS::Wire(built(wire, c.op())), true);
    return built(face, c.op());
}};

const Compute face_compute{params::face::op, [](const OpContext& c) {
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

} // namespace lazycad::detail
