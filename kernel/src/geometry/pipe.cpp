// Pipe: a circle of radius r swept along a path wire, starting square to it.

#include <BRepAdaptor_Curve.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sweeps.hpp"

namespace lazycad::detail {

namespace {

const Compute pipe_compute{params::pipe::op, [](const OpContext& c) {
    TopoDS_Wire spine = as_wire(c.inputs[0], c.op(), "path");
    double r = c[params::pipe::r];
    double bend = min_curvature_radius(spine);
    if (r >= bend * (1 - 1e-9))
        fail(c.op(), "r",
             fmt::format("{} must be smaller than the path's smallest bend radius {:.6g} "
                         "(the tube would fold into itself)",
                         r, bend));
    // The circle sits at the start of the first edge in wire order, square to it.
    BRepTools_WireExplorer first(spine);
    if (!first.More()) fail(c.op(), "path", "has no edges");
    BRepAdaptor_Curve curve(first.Current());
    bool reversed = first.Current().Orientation() == TopAbs_REVERSED;
    double t = reversed ? curve.LastParameter() : curve.FirstParameter();
    gp_Pnt start;
    gp_Vec tangent;
    curve.D1(t, start, tangent);
    if (reversed) tangent.Reverse();
    if (tangent.Magnitude() < 1e-12) fail(c.op(), "path", "has no tangent at its start");
    BRepBuilderAPI_MakeEdge edge(gp_Circ(gp_Ax2(start, gp_Dir(tangent)), r));
    BRepBuilderAPI_MakeWire circle(TopoDS::Edge(built(edge, c.op())));
    // The circle looks the same in any frame: take whichever OCCT can build.
    return pipe_shell(spine, TopoDS::Wire(built(circle, c.op())),
                      {Trihedron::corrected_frenet, Trihedron::discrete, Trihedron::frenet},
                      /*solid=*/true, c.progress, c.op());
}};

} // namespace

} // namespace lazycad::detail
