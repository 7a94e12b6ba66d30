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

#include "graph/node.hpp"
#include "lazycad/features.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

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

const OpDef hole_op{"hole", 1, Cost::expensive, true, [](const OpContext& c) {
    const TopoDS_Shape& body = c.inputs[0];
    const Point e = c.point("entry");
    const Vec v = c.vec("direction");
    const gp_Pnt entry(e.x, e.y, e.z);
    const gp_Dir dir(v.x, v.y, v.z);
    const double r = c.num("diameter") / 2;
    auto [far, size, slack] = reach(body, entry, dir);
    if (far <= slack)
        fail(c.op(), "direction",
             fmt::format("points away from the body (the body lies behind the entry point "
                         "{{{}, {}, {}}})",
                         e.x, e.y, e.z));
    // The drill starts a little before the entry surface so that the cut never
    // leaves a zero-thickness skin there.
    const double margin = std::max(1.0, 0.01 * size);
    const double depth = c.num("depth") > 0 ? c.num("depth") : far + margin;

    // Half profile (radius, depth along the axis), closed on the axis.
    std::vector<std::pair<double, double>> profile{{0, -margin}};
    const std::string& head = c.str("head");
    const double hr = c.num("head_diameter") / 2;
    if (head == "counterbore") {
        const double hd = c.num("head_depth");
        profile.insert(profile.end(), {{hr, -margin}, {hr, hd}, {r, hd}});
    } else if (head == "countersink") {
        const double tc = (hr - r) / std::tan(c.angle("head_angle").radians() / 2);
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
    return cut.Shape();
}};

} // namespace

HoleSpec HoleSpec::through(double diameter) {
    HoleSpec s;
    s.diameter = diameter;
    return s;
}

HoleSpec HoleSpec::blind(double diameter, double depth) {
    HoleSpec s;
    s.diameter = diameter;
    s.depth = depth;
    // A zero depth would silently mean "through": catch it here, where it is written.
    require_positive("hole", "depth", depth);
    return s;
}

HoleSpec HoleSpec::counterbore(double d, double depth) const {
    HoleSpec s = *this;
    s.head = Head::counterbore;
    s.head_diameter = d;
    s.head_depth = depth;
    return s;
}

HoleSpec HoleSpec::countersink(double d, Angle angle) const {
    HoleSpec s = *this;
    s.head = Head::countersink;
    s.head_diameter = d;
    s.head_angle = angle;
    return s;
}

Shape hole(const Shape& body, const HoleSpec& spec, Point entry, Vec direction) {
    require_positive("hole", "diameter", spec.diameter);
    require_non_negative("hole", "depth", spec.depth);
    double len = std::sqrt(direction.x * direction.x + direction.y * direction.y +
                           direction.z * direction.z);
    require(std::isfinite(len) && len > 1e-12, "hole", "direction",
            "must not be the zero vector");
    direction = {direction.x / len, direction.y / len, direction.z / len};

    const char* head = "plain";
    Params params{{"diameter", spec.diameter}, {"depth", spec.depth}};
    if (spec.head == HoleSpec::Head::counterbore) {
        head = "counterbore";
        require(spec.head_diameter > spec.diameter, "hole", "counterbore_diameter",
                fmt::format("must be larger than the hole diameter {} (got {})", spec.diameter,
                            spec.head_diameter));
        require_positive("hole", "counterbore_depth", spec.head_depth);
        require(spec.depth == 0 || spec.head_depth < spec.depth, "hole", "counterbore_depth",
                fmt::format("must be less than the hole depth {} (got {})", spec.depth,
                            spec.head_depth));
        params.push_back({"head_diameter", spec.head_diameter});
        params.push_back({"head_depth", spec.head_depth});
    } else if (spec.head == HoleSpec::Head::countersink) {
        head = "countersink";
        require(spec.head_diameter > spec.diameter, "hole", "countersink_diameter",
                fmt::format("must be larger than the hole diameter {} (got {})", spec.diameter,
                            spec.head_diameter));
        const double a = spec.head_angle.degrees();
        require(a > 0 && a < 180, "hole", "countersink_angle",
                fmt::format("must be between 0° and 180° (got {}°)", a));
        const double cone_depth =
            (spec.head_diameter - spec.diameter) / 2 / std::tan(spec.head_angle.radians() / 2);
        require(spec.depth == 0 || cone_depth < spec.depth, "hole", "countersink_diameter",
                fmt::format("makes a cone {:.4g} deep, deeper than the hole ({})", cone_depth,
                            spec.depth));
        params.push_back({"head_diameter", spec.head_diameter});
        params.push_back({"head_angle", spec.head_angle});
    } else {
        params.push_back({"head_diameter", 0.0});
    }
    params.push_back({"head", head});
    params.push_back({"entry", entry});
    params.push_back({"direction", direction});
    return make_node(hole_op, std::move(params), {body});
}

} // namespace lazycad
