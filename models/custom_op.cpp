// A custom lazy operation (evalcache's `@lazy`): wrap your own OCCT code as a
// cached node. Here: half an ellipsoid of revolution (lazycad has none), the
// dome of a knob.
//
//   lazycad run models/custom_op.cpp --stats=json -D stretch=1.5
//
// The key covers the name, the version string, the parameters, the input
// shapes' keys and the code of this script (a fingerprint of this file and the
// local headers it includes): edit the function and it is recomputed, with
// the nodes built from it; everything else comes from the cache. To keep the
// results across a refactor you vouch for, pin the version: pinned("1").
#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>

#include <algorithm>
#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <Geom_Ellipse.hxx>
#include <Geom_TrimmedCurve.hxx>

using namespace lazycad;

namespace {

/// Plain OCCT: the upper half of the ellipsoid of radius `r` about Z and
/// height `h`, a quarter ellipse in the XZ plane closed along the axes and
/// revolved about Z. Exact surfaces, and a flat base that a cylinder of radius
/// r meets along one circle: scaling a sphere (BRepBuilderAPI_GTransform) and
/// cutting it in half would give a C0 B-spline and intersection curves that
/// STEP readers find off their faces.
TopoDS_Shape dome_occt(const std::vector<TopoDS_Shape>&, const Params& params) {
    const double r = params[0].value.as<double>(), h = params[1].value.as<double>();
    // gp_Elips wants its major axis along X of its frame; either frame puts
    // the quarter at +X+Z between the parameters 0 and π/2.
    const gp_Ax2 frame = r >= h ? gp_Ax2(gp::Origin(), -gp::DY(), gp::DX())
                                : gp_Ax2(gp::Origin(), gp::DY(), gp::DZ());
    Handle(Geom_Ellipse) ellipse = new Geom_Ellipse(frame, std::max(r, h), std::min(r, h));
    Handle(Geom_TrimmedCurve) arc = new Geom_TrimmedCurve(ellipse, 0, M_PI / 2);
    const gp_Pnt top(0, 0, h), centre(0, 0, 0), rim(r, 0, 0);
    BRepBuilderAPI_MakeWire wire(BRepBuilderAPI_MakeEdge(arc).Edge(),
                                 BRepBuilderAPI_MakeEdge(top, centre).Edge(),
                                 BRepBuilderAPI_MakeEdge(centre, rim).Edge());
    BRepBuilderAPI_MakeFace quarter(wire.Wire(), /*OnlyPlane=*/true);
    return BRepPrimAPI_MakeRevol(quarter.Face(), gp::OZ()).Shape();
}

/// The lazy wrapper: returns a Shape at once, computes on demand, caches.
Shape dome(double r, double h) {
    return custom_operation("dome", "1", {{"r", r}, {"h", h}}, {}, dome_occt);
}

} // namespace

LAZYCAD_MODEL() {
    double r = param("radius", 10.0);
    double stretch = param("stretch", 0.6);
    // Upper half of an ellipsoid (radius r, height stretch·r) on a short cylinder.
    Shape knob = cylinder(r, r / 2).down(r / 2) + dome(r, stretch * r);
    knob = hole(knob, HoleSpec::blind(4, r / 2), {0, 0, -r / 2}, {0, 0, 1});
    display(knob, color::brass);
}
