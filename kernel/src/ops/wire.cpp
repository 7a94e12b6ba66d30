// Edges and wires: segments, arcs, polylines with rounded corners, and wires
// joined from parts. Paths for sweeps and pipes are built from these.

#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Vec.hxx>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

gp_Pnt pnt(Point p) { return gp_Pnt(p.x, p.y, p.z); }

double distance(Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y, b.z - a.z); }

void require_finite_point(const char* op, const char* param, Point p) {
    require(std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z), op, param,
            "must be finite");
}

TopoDS_Shape edge_between(gp_Pnt a, gp_Pnt b, const std::string& op) {
    BRepBuilderAPI_MakeEdge e(a, b);
    return built(e, op);
}

TopoDS_Shape arc_through(gp_Pnt a, gp_Pnt m, gp_Pnt b, const std::string& op) {
    GC_MakeArcOfCircle arc(a, m, b);
    if (!arc.IsDone()) throw Error(op, "", op + ": OCCT could not build the arc");
    BRepBuilderAPI_MakeEdge e(arc.Value());
    return built(e, op);
}

const OpDef segment_op{"segment", 1, Cost::cheap, false, [](const OpContext& c) {
    return edge_between(pnt(c.point("a")), pnt(c.point("b")), c.op());
}};

const OpDef arc3_op{"arc", 1, Cost::cheap, false, [](const OpContext& c) {
    return arc_through(pnt(c.point("a")), pnt(c.point("b")), pnt(c.point("c")), c.op());
}};

const OpDef arc_center_op{"arc", 1, Cost::cheap, false, [](const OpContext& c) {
    gp_Circ circ(gp_Ax2(pnt(c.point("center")), gp::DZ(), gp::DX()), c.num("r"));
    BRepBuilderAPI_MakeEdge e(circ, c.angle("start").radians(), c.angle("end").radians());
    return built(e, c.op());
}};

/// Where the rounding of corner `p` (between neighbours `a` and `b`) starts and
/// ends: distance from the corner along each leg, 0 for a straight-through corner.
double rounding_setback(Point a, Point p, Point b, double r) {
    gp_Vec u(pnt(p), pnt(a)), v(pnt(p), pnt(b));
    double angle = u.Angle(v); // 0 = folds back, pi = straight on
    if (r == 0 || angle > pi - 1e-9) return 0;
    return r / std::tan(angle / 2);
}

const OpDef polyline_op{"polyline", 1, Cost::cheap, true, [](const OpContext& c) {
    std::vector<Point> pts;
    for (const Value& v : c.list("points")) pts.push_back(v.as<Point>());
    double r = c.num("corner_radius");
    bool closed = c.flag("closed");
    std::size_t n = pts.size();
    auto corner = [&](std::size_t i) { return closed || (i > 0 && i + 1 < n); };
    // Tangent points of each rounded corner: (in, out); equal to the corner if sharp.
    std::vector<gp_Pnt> in(n), out(n);
    std::vector<bool> rounded(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        in[i] = out[i] = pnt(pts[i]);
        if (!corner(i)) continue;
        Point a = pts[(i + n - 1) % n], p = pts[i], b = pts[(i + 1) % n];
        double t = rounding_setback(a, p, b, r);
        if (t == 0) continue;
        gp_Vec u(pnt(p), pnt(a)), v(pnt(p), pnt(b));
        u.Normalize();
        v.Normalize();
        in[i] = pnt(p).Translated(u * t);
        out[i] = pnt(p).Translated(v * t);
        rounded[i] = true;
    }
    BRepBuilderAPI_MakeWire wire;
    auto add = [&](const TopoDS_Shape& e) {
        wire.Add(TopoDS::Edge(e));
        if (!wire.IsDone())
            throw Error(c.op(), "points", c.op() + ": OCCT could not join the edges");
    };
    std::size_t legs = closed ? n : n - 1;
    for (std::size_t i = 0; i < legs; ++i) {
        std::size_t j = (i + 1) % n;
        if (out[i].Distance(in[j]) > 1e-9) add(edge_between(out[i], in[j], c.op()));
        if (rounded[j]) {
            // The arc's middle point lies on the bisector, r from its centre.
            gp_Pnt p = pnt(pts[j]);
            gp_Vec u(p, in[j]), v(p, out[j]);
            gp_Vec bisector = u.Normalized() + v.Normalized();
            bisector.Normalize();
            double half = gp_Vec(p, in[j]).Angle(gp_Vec(p, out[j])) / 2;
            gp_Pnt center = p.Translated(bisector * (r / std::sin(half)));
            gp_Pnt middle = center.Translated(bisector.Reversed() * r);
            add(arc_through(in[j], middle, out[j], c.op()));
        }
    }
    return wire.Shape();
}};

const OpDef wire_op{"wire", 1, Cost::cheap, true, [](const OpContext& c) {
    BRepBuilderAPI_MakeWire wire;
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
        const TopoDS_Shape& s = c.inputs[i];
        if (s.ShapeType() == TopAbs_EDGE) wire.Add(TopoDS::Edge(s));
        else if (s.ShapeType() == TopAbs_WIRE) wire.Add(TopoDS::Wire(s));
        else fail(c.op(), "parts", fmt::format("part {} is not an edge or a wire", i));
        if (!wire.IsDone())
            fail(c.op(), "parts", fmt::format("part {} does not connect to the previous ones", i));
    }
    return wire.Shape();
}};

} // namespace

Shape segment(Point a, Point b) {
    require_finite_point("segment", "a", a);
    require_finite_point("segment", "b", b);
    require(distance(a, b) > 1e-9, "segment", "b", "must differ from 'a'");
    return make_node(segment_op, {{"a", a}, {"b", b}});
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
    return make_node(arc3_op, {{"a", a}, {"b", b}, {"c", c}});
}

Shape arc(Point center, double r, Angle start, Angle end) {
    require_finite_point("arc", "center", center);
    require_positive("arc", "r", r);
    double sweep = (end - start).degrees();
    require(sweep > 0, "arc", "end", fmt::format("must be greater than 'start' (got a sweep of {}°)", sweep));
    require(sweep <= 360 + 1e-9, "arc", "end",
            fmt::format("must be at most 360° past 'start' (got {}°)", sweep));
    return make_node(arc_center_op, {{"center", center}, {"r", r}, {"start", start}, {"end", end}});
}

Shape polyline(const std::vector<Point>& points, double corner_radius, bool closed) {
    const char* op = "polyline";
    std::size_t n = points.size();
    require(n >= (closed ? 3u : 2u), op, "points",
            fmt::format("needs at least {} points (got {})", closed ? 3 : 2, n));
    require_non_negative(op, "corner_radius", corner_radius);
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
    return make_node(polyline_op,
                     {{"points", std::move(pts)}, {"corner_radius", corner_radius}, {"closed", closed}});
}

Shape wire(const std::vector<Shape>& parts) {
    require(!parts.empty(), "wire", "parts", "must not be empty");
    return make_node(wire_op, {}, parts);
}

} // namespace lazycad
