// Edges and wires: segments, arcs, polylines with rounded corners, and wires
// joined from parts. Paths for sweeps and pipes are built from these.

#include <cmath>

#include <gp_Vec.hxx>
#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "ops/wire.hpp"
#include "params/wire.hpp"

namespace lazycad {

using namespace detail;

namespace {

double distance(Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y, b.z - a.z); }

void require_finite_point(const char* op, const char* param, Point p) {
    require_position(op, param, p.x, p.y, p.z);
}

const OpDef segment_op{params::segment::op, 1, Cost::cheap, false};
const OpDef arc3_op{params::arc::op, 1, Cost::cheap, false};
const OpDef arc_center_op{params::arc::op, 1, Cost::cheap, false};
const OpDef polyline_op{params::polyline::op, 1, Cost::cheap, true};
const OpDef wire_op{params::wire::op, 1, Cost::cheap, true};
const OpDef spline_op{params::spline::op, 1, Cost::cheap, true};
const OpDef bezier_op{params::bezier::op, 1, Cost::cheap, true};

} // namespace

namespace detail {

gp_Pnt pnt(Point p) { return gp_Pnt(p.x, p.y, p.z); }

double rounding_setback(Point a, Point p, Point b, double r) {
    gp_Vec u(pnt(p), pnt(a)), v(pnt(p), pnt(b));
    double angle = u.Angle(v); // 0 = folds back, pi = straight on
    if (r == 0 || angle > pi - 1e-9) return 0;
    return r / std::tan(angle / 2);
}

} // namespace detail

Shape segment(Point a, Point b) {
    require_finite_point("segment", "a", a);
    require_finite_point("segment", "b", b);
    require(distance(a, b) > 1e-9, "segment", "b", "must differ from 'a'");
    return make_node(segment_op, {params::segment::a(a), params::segment::b(b)});
}

Shape arc(Point a, Point b, Point c) {
    require_finite_point("arc", "a", a);
    require_finite_point("arc", "b", b);
    require_finite_point("arc", "c", c);
    require(distance(a, b) > 1e-9, "arc", "b", "must differ from 'a'");
    require(distance(b, c) > 1e-9, "arc", "c", "must differ from 'b'");
    require(distance(a, c) > 1e-9, "arc", "c", "must differ from 'a'");
    gp_Vec ab(pnt(a), pnt(b)), ac(pnt(a), pnt(c));
    require(ab.Crossed(ac).Magnitude() > 1e-9 * ab.Magnitude() * ac.Magnitude(), "arc", "b",
            "must not be collinear with 'a' and 'c'");
    return make_node(arc3_op, {params::arc::a(a), params::arc::b(b), params::arc::c(c)});
}

Shape arc(Point center, double r, Angle start, Angle end) {
    require_finite_point("arc", "center", center);
    require_length("arc", "r", r);
    double sweep = (end - start).degrees();
    require(sweep > 0, "arc", "end", fmt::format("must be greater than 'start' (got a sweep of {}°)", sweep));
    require(sweep <= 360 + 1e-9, "arc", "end",
            fmt::format("must be at most 360° past 'start' (got {}°)", sweep));
    return make_node(arc_center_op, {params::arc::center(center), params::arc::r(r),
                                      params::arc::start(start), params::arc::end(end)});
}

Shape polyline(const std::vector<Point>& points, double corner_radius, bool closed) {
    const char* op = "polyline";
    std::size_t n = points.size();
    require(n >= (closed ? 3u : 2u), op, "points",
            fmt::format("needs at least {} points (got {})", closed ? 3 : 2, n));
    require_count(op, "points", (long long)n, closed ? 3 : 2);
    require_length_or_zero(op, "corner_radius", corner_radius);
    for (const Point& p : points) require_finite_point(op, "points", p);
    std::size_t legs = closed ? n : n - 1;
    for (std::size_t i = 0; i < legs; ++i)
        require(distance(points[i], points[(i + 1) % n]) > 1e-9, op, "points",
                fmt::format("has two equal consecutive points (index {})", i));
    // Each corner's rounding takes a setback from both legs; neighbouring corners
    // must leave each leg long enough for both (and a corner must not fold back).
    std::vector<double> setback(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!closed && (i == 0 || i + 1 == n)) continue;
        Point a = points[(i + n - 1) % n], p = points[i], b = points[(i + 1) % n];
        gp_Vec u(pnt(p), pnt(a)), v(pnt(p), pnt(b));
        require(u.Angle(v) > 1e-9, op, "points", fmt::format("folds back on itself at index {}", i));
        setback[i] = rounding_setback(a, p, b, corner_radius);
    }
    for (std::size_t i = 0; i < legs; ++i) {
        std::size_t j = (i + 1) % n;
        double len = distance(points[i], points[j]);
        require(setback[i] + setback[j] <= len * (1 + 1e-9), op, "corner_radius",
                fmt::format("{} is too large: the roundings at points {} and {} need {:.6g} mm "
                            "of a {:.6g} mm segment",
                            corner_radius, i, j, setback[i] + setback[j], len));
    }
    ValueList pts(points.begin(), points.end());
    return make_node(polyline_op, {params::polyline::points(std::move(pts)),
                                   params::polyline::corner_radius(corner_radius),
                                   params::polyline::closed(closed)});
}

Shape spline(const std::vector<Point>& points, Vec start_tangent, Vec end_tangent, bool closed) {
    const char* op = "spline";
    std::size_t n = points.size();
    require_count(op, "points", (long long)n, closed ? 3 : 2);
    for (const Point& p : points) require_finite_point(op, "points", p);
    for (std::size_t i = 0; i + 1 < n; ++i)
        require(distance(points[i], points[i + 1]) > 1e-9, op, "points",
                fmt::format("has two equal consecutive points (index {})", i));
    require_position(op, "start_tangent", start_tangent.x, start_tangent.y, start_tangent.z);
    require_position(op, "end_tangent", end_tangent.x, end_tangent.y, end_tangent.z);
    bool t0 = start_tangent != Vec{}, t1 = end_tangent != Vec{};
    require(t0 == t1, op, t0 ? "end_tangent" : "start_tangent",
            "must be given with the other end's tangent (both or neither)");
    require(!(closed && t0), op, "start_tangent", "cannot be given for a closed spline");
    if (closed)
        require(distance(points.front(), points.back()) > 1e-9, op, "points",
                "must not repeat the first point at the end when closed");
    ValueList pts(points.begin(), points.end());
    Params p{params::spline::points(std::move(pts)), params::spline::closed(closed)};
    if (t0) {
        p.push_back(params::spline::start_tangent(start_tangent));
        p.push_back(params::spline::end_tangent(end_tangent));
    }
    return make_node(spline_op, std::move(p));
}

Shape bezier(const std::vector<Point>& points) {
    const char* op = "bezier";
    require_count(op, "points", (long long)points.size(), 2);
    // OCCT's Bézier curves have degree at most 25 (26 poles).
    require(points.size() <= 26, op, "points",
            fmt::format("must be at most 26 (got {})", points.size()));
    for (const Point& p : points) require_finite_point(op, "points", p);
    require(distance(points.front(), points.back()) > 1e-9, op, "points",
            "must not start and end at the same point");
    ValueList pts(points.begin(), points.end());
    return make_node(bezier_op, {params::bezier::points(std::move(pts))});
}

Shape wire(const std::vector<Shape>& parts) {
    require(!parts.empty(), "wire", "parts", "must not be empty");
    return make_node(wire_op, {}, parts);
}

} // namespace lazycad
