// Revolution of a profile about a coordinate axis through the origin.

#include <algorithm>
#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRepClass_FaceClassifier.hxx>
#include <BRepLib_FindSurface.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <Geom_Plane.hxx>
#include <IntAna_IntConicQuad.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Lin.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/sketch_util.hpp"
#include "params/revolve.hpp"

namespace lazycad::detail {

namespace {

gp_Dir axis_dir(const Value& v) {
    Vec a = v.as<Vec>();
    return gp_Dir(a.x, a.y, a.z);
}

/// A planar face revolved about an axis must stay on one side of it: a face
/// crossing the axis would sweep through itself.
void check_profile(const TopoDS_Face& f, const gp_Ax1& axis, const std::string& op) {
    BRepLib_FindSurface find(f, 1e-6, /*OnlyPlane=*/true);
    if (!find.Found()) return; // only planar profiles are checked
    // The plane as placed: a moved face keeps its surface and carries the move
    // as a location, which FindSurface returns apart.
    const gp_Pln plane =
        Handle(Geom_Plane)::DownCast(find.Surface())->Pln().Transformed(find.Location().Transformation());
    gp_Dir n = plane.Axis().Direction();
    if (n.IsParallel(axis.Direction(), 1e-9))
        fail(op, "axis", "is perpendicular to the profile's plane (nothing to revolve)");
    if (std::abs(n.Dot(axis.Direction())) < 1e-9) {
        // Axis in (or parallel to) the profile's plane: sample the boundary and
        // look at which side of the axis each point lies.
        gp_Vec side = gp_Vec(axis.Direction()).Crossed(gp_Vec(n));
        double lo = 0, hi = 0;
        for (TopExp_Explorer e(f, TopAbs_EDGE); e.More(); e.Next()) {
            BRepAdaptor_Curve c(TopoDS::Edge(e.Current()));
            for (int i = 0; i <= 64; ++i) {
                double t = c.FirstParameter() + (c.LastParameter() - c.FirstParameter()) * i / 64;
                double d = gp_Vec(axis.Location(), c.Value(t)).Dot(side);
                lo = std::min(lo, d);
                hi = std::max(hi, d);
            }
        }
        if (lo < -1e-7 && hi > 1e-7) fail(op, "axis", "crosses the profile");
        return;
    }
    // Axis through the plane: it must not pierce the face's inside.
    IntAna_IntConicQuad hit(gp_Lin(axis), plane, 1e-12);
    if (!hit.IsDone() || hit.NbPoints() != 1) return;
    BRepClass_FaceClassifier inside(f, hit.Point(1), 1e-7);
    if (inside.State() == TopAbs_IN) fail(op, "axis", "crosses the profile");
}

const Compute revolve_compute{params::revolve::op, [](const OpContext& c) {
    require_no_solid(c.inputs[0], c.op(), "profile");
    gp_Ax1 axis(gp::Origin(), axis_dir(c[params::revolve::axis]));
    TopoDS_Shape profile = merge_coplanar_faces(c.inputs[0]);
    for (const TopoDS_Face& f : faces_of(profile)) check_profile(f, axis, c.op());
    double a = c[params::revolve::angle].radians();
    BRepPrimAPI_MakeRevol b(profile, axis, std::min(a, 2 * pi), /*Copy=*/true);
    return built(b, c.op());
}};

} // namespace

} // namespace lazycad::detail
