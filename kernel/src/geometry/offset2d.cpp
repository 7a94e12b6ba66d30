// offset2d (ops/offset2d.cpp): BRepOffsetAPI_MakeOffset on the outline of a
// face (or a closed planar wire); the face comes back as a face.

#include <BRepAdaptor_Surface.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepOffsetAPI_MakeOffset.hxx>
#include <BRepTools.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/sketch_util.hpp"
#include "params/offset2d.hpp"

namespace lazycad::detail {

namespace {

const Compute offset2d_compute{params::offset2d::op, [](const OpContext& c) -> TopoDS_Shape {
    require_no_solid(c.inputs[0], c.op(), "shape");
    const double d = c[params::offset2d::distance];
    const GeomAbs_JoinType join =
        c[params::offset2d::rounded] ? GeomAbs_Arc : GeomAbs_Intersection;
    std::vector<TopoDS_Face> faces = faces_of(c.inputs[0]);
    if (faces.size() > 1)
        fail(c.op(), "shape", fmt::format("has {} faces; offset one at a time", faces.size()));
    TopoDS_Face face;
    if (faces.empty()) {
        TopoDS_Wire w = as_wire(c.inputs[0], c.op(), "shape");
        BRepBuilderAPI_MakeFace f(w, /*OnlyPlane=*/true);
        if (!f.IsDone()) fail(c.op(), "shape", "is not a closed planar wire");
        face = f.Face();
    } else {
        face = faces.front();
        int wires = 0;
        for (TopExp_Explorer e(face, TopAbs_WIRE); e.More(); e.Next()) ++wires;
        if (wires != 1) fail(c.op(), "shape", "is a face with holes (not supported)");
    }
    // The outer wire, offset in the face's plane: positive is outwards.
    TopoDS_Face outline = BRepBuilderAPI_MakeFace(BRepTools::OuterWire(face), true).Face();
    BRepOffsetAPI_MakeOffset offset(outline, join);
    offset.Perform(d);
    if (!offset.IsDone()) fail(c.op(), "distance", fmt::format("OCCT could not offset by {}", d));
    TopoDS_Shape result = offset.Shape();
    std::vector<TopoDS_Wire> wires;
    for (TopExp_Explorer e(result, TopAbs_WIRE); e.More(); e.Next())
        wires.push_back(TopoDS::Wire(e.Current()));
    if (wires.size() != 1)
        fail(c.op(), "distance",
             fmt::format("{} leaves {} outlines (the shape vanishes or splits)", d, wires.size()));
    if (faces.empty()) return wires.front();
    BRepBuilderAPI_MakeFace f(wires.front(), /*OnlyPlane=*/true);
    TopoDS_Face out = TopoDS::Face(built(f, c.op()));
    // Facing the way the input faced (extrude and revolve rely on it).
    gp_Dir n0 = BRepAdaptor_Surface(face).Plane().Axis().Direction();
    if (face.Orientation() == TopAbs_REVERSED) n0.Reverse();
    gp_Dir n1 = BRepAdaptor_Surface(out).Plane().Axis().Direction();
    if (out.Orientation() == TopAbs_REVERSED) n1.Reverse();
    if (n0.Dot(n1) < 0) out.Reverse();
    return out;
}};

} // namespace

} // namespace lazycad::detail
