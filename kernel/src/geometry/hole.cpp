// hole(body, spec, entry, direction): cut a drilled hole, optionally with a
// counterbore or countersink. The drill is one solid of revolution (its half
// profile revolved about the hole axis), cut from the body in one boolean.

#include <algorithm>
#include <cmath>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <Bnd_Box.hxx>
#include <gp_Ax1.hxx>
#include <fmt/format.h>

#include "geometry/boolean_checks.hpp"
#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/features.hpp"
#include "params/hole.hpp"

namespace lazycad::detail {

namespace {

/// Distance along `dir` from `entry` to the farthest corner of the body's box,
/// and the size of that box (for margins).
/// The box is enlarged by the shape's tolerance: that much reach counts as none.
struct Reach {
    double far, size, slack;
};
Reach reach(const TopoDS_Shape& body, const gp_Pnt& entry, const gp_Dir& dir) {
    Bnd_Box box;
    BRepBndLib::Add(body, box);
    double x[2], y[2], z[2];
    box.Get(x[0], y[0], z[0], x[1], y[1], z[1]);
    double far = -1e300;
    for (double xi : x)
        for (double yi : y)
            for (double zi : z) far = std::max(far, gp_Vec(entry, gp_Pnt(xi, yi, zi)).Dot(dir));
    double size = std::sqrt(box.SquareExtent());
    return {far, size, std::max(1e-6 * size, 4 * box.GetGap())};
}

const Compute hole_compute{params::hole::op, [](const OpContext& c) {
    namespace p = params::hole;
    const TopoDS_Shape& body = c.inputs[0];
    require_solid(body, c.op(), "body");
    const Point e = c[p::entry];
    const Vec v = c[p::direction];
    const gp_Pnt entry(e.x, e.y, e.z);
    const gp_Dir dir(v.x, v.y, v.z);
    const double r = c[p::diameter] / 2;
    auto [far, size, slack] = reach(body, entry, dir);
    if (far <= slack)
        fail(c.op(), "direction",
             fmt::format("points away from the body (the body lies behind the entry point "
                         "{{{}, {}, {}}})",
                         e.x, e.y, e.z));
    // The drill starts a little before the entry surface so that the cut never
    // leaves a zero-thickness skin there.
    const double margin = std::max(1.0, 0.01 * size);
    const double depth = c[p::depth] > 0 ? c[p::depth] : far + margin;

    // Half profile (radius, depth along the axis), closed on the axis.
    std::vector<std::pair<double, double>> profile{{0, -margin}};
    const HoleSpec::Head head = c[p::head];
    const double hr = c[p::head_diameter] / 2;
    if (head == HoleSpec::Head::counterbore) {
        const double hd = c[p::head_depth];
        profile.insert(profile.end(), {{hr, -margin}, {hr, hd}, {r, hd}});
    } else if (head == HoleSpec::Head::countersink) {
        const double tc = (hr - r) / std::tan(c[p::head_angle].radians() / 2);
        profile.insert(profile.end(), {{hr, -margin}, {hr, 0}, {r, tc}});
    } else {
        profile.push_back({r, -margin});
    }
    profile.insert(profile.end(), {{r, depth}, {0, depth}});

    gp_Dir u = std::abs(dir.Z()) < 0.9 ? dir.Crossed(gp::DZ()) : dir.Crossed(gp::DX());
    BRepBuilderAPI_MakePolygon poly;
    for (auto [pr, pt] : profile)
        poly.Add(entry.Translated(gp_Vec(dir) * pt + gp_Vec(u) * pr));
    poly.Close();
    check_done(poly, c.op());
    BRepBuilderAPI_MakeFace face(poly.Wire(), /*OnlyPlane=*/true);
    check_done(face, c.op());
    BRepPrimAPI_MakeRevol drill(face.Face(), gp_Ax1(entry, dir), 2 * pi);
    check_done(drill, c.op());

    BRepAlgoAPI_Cut cut(body, drill.Shape(), c.progress);
    check_done(cut, c.op());
    check_boolean_result(BooleanKind::cut, {body, drill.Shape()}, cut.Shape(), c);
    return cut.Shape();
}};

} // namespace

} // namespace lazycad::detail
