// Helix wire: a straight line on the developed cylinder, with its 3D curve
// approximated to 1e-7 mm.

#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLib.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <Geom2d_TrimmedCurve.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <TopoDS.hxx>
#include <gp_Lin2d.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "params/sweeps.hpp"

namespace lazycad::detail {

namespace {

// Expensive: 50 ms for 64 turns, 0.8 s for 5000, against about 1 ms to load.
const Compute helix_compute{params::helix::op, [](const OpContext& c) {
    double p = c[params::helix::pitch], h = c[params::helix::height];
    double r = c[params::helix::radius];
    Handle(Geom_CylindricalSurface) cylinder = new Geom_CylindricalSurface(gp::XOY(), r);
    // On the cylinder's (u = angle, v = height) parameter plane a helix is a line.
    double du = c[params::helix::left_handed] ? -2 * pi : 2 * pi;
    gp_Lin2d line(gp_Pnt2d(0, 0), gp_Dir2d(du, p));
    double length2d = (h / p) * std::hypot(2 * pi, p);
    Handle(Geom2d_TrimmedCurve) segment = GCE2d_MakeSegment(line, 0, length2d).Value();
    BRepBuilderAPI_MakeEdge edge(segment, cylinder);
    TopoDS_Edge e = TopoDS::Edge(built(edge, c.op()));
    // OCCT 7.6: BuildCurves3d's default MaxSegment (30) is too few beyond ~40 turns
    // and silently gives a shorter helix off its radius; allow plenty per turn.
    int segments = std::max(30, int(std::ceil(h / p)) * 8 + 8);
    if (!BRepLib::BuildCurves3d(e, 1e-7, GeomAbs_C2, 9, segments))
        throw Error(c.op(), "", c.op() + ": OCCT could not approximate the helix");
    BRepBuilderAPI_MakeWire wire(e);
    return built(wire, c.op());
}};

} // namespace

} // namespace lazycad::detail
