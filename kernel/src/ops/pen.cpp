// The Pen (lazycad/pen.hpp): plain 2D arithmetic turning sagitta, radius and
// tangent arcs into three-point arcs, so the node's key holds only lines and
// arcs through known points. The wire and face are built in geometry/pen.cpp.

#include "lazycad/pen.hpp"

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/pen.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef pen_op{params::pen::op, 1, Cost::cheap, true};

Point2 sub(Point2 a, Point2 b) { return {a.x - b.x, a.y - b.y}; }
Point2 add(Point2 a, Point2 b) { return {a.x + b.x, a.y + b.y}; }
Point2 mul(Point2 a, double k) { return {a.x * k, a.y * k}; }
double len(Point2 a) { return std::hypot(a.x, a.y); }
double cross(Point2 a, Point2 b) { return a.x * b.y - a.y * b.x; }
Point2 left(Point2 a) { return {-a.y, a.x}; } // turned +90°
Point2 unit(Point2 a) { return mul(a, 1 / len(a)); }

void require_point(const char* call, Point2 p) { require_position("pen", call, p.x, p.y); }

void require_moves(const char* call, Point2 from, Point2 to) {
    require(len(sub(to, from)) > 1e-9, "pen", call,
            fmt::format("must end away from where the pen is ({}, {})", from.x, from.y));
}

/// Centre of the circle through three points; throws if they are collinear.
Point2 circle_centre(const char* call, Point2 a, Point2 b, Point2 c) {
    const double d = 2 * cross(sub(b, a), sub(c, a));
    const double scale = len(sub(b, a)) * len(sub(c, a));
    require(std::abs(d) > 1e-12 * scale, "pen", call,
            "makes no arc: its points are on one line (use a line)");
    const double b2 = sub(b, a).x * sub(b, a).x + sub(b, a).y * sub(b, a).y;
    const double c2 = sub(c, a).x * sub(c, a).x + sub(c, a).y * sub(c, a).y;
    Point2 ab = sub(b, a), ac = sub(c, a);
    return {a.x + (ac.y * b2 - ab.y * c2) / d, a.y + (ab.x * c2 - ac.x * b2) / d};
}

} // namespace

Pen::Pen(Point2 start) : m_start(start), m_pos(start) { require_point("start", start); }

Pen Pen::segment(ValueList item, Point2 end, Point2 tangent) const {
    require_count("pen", "segments", static_cast<long long>(m_segments.size()) + 1, 1);
    Pen p = *this;
    p.m_segments.push_back(std::move(item));
    p.m_pos = end;
    p.m_tangent = tangent;
    return p;
}

Pen Pen::line_to(double x, double y) const {
    Point2 end{x, y};
    require_point("line_to", end);
    require_moves("line_to", m_pos, end);
    return segment({"line", end}, end, unit(sub(end, m_pos)));
}

Pen Pen::line(double dx, double dy) const { return line_to(m_pos.x + dx, m_pos.y + dy); }
Pen Pen::h_line(double d) const { return line_to(m_pos.x + d, m_pos.y); }
Pen Pen::v_line(double d) const { return line_to(m_pos.x, m_pos.y + d); }
Pen Pen::h_line_to(double x) const { return line_to(x, m_pos.y); }
Pen Pen::v_line_to(double y) const { return line_to(m_pos.x, y); }

Pen Pen::arc_to(Point2 through, Point2 end) const {
    require_point("arc_to", through);
    require_point("arc_to", end);
    require_moves("arc_to", m_pos, end);
    Point2 c = circle_centre("arc_to", m_pos, through, end);
    // Counter-clockwise if the arc turns left on its way through `through`.
    const bool ccw = cross(sub(through, m_pos), sub(end, through)) > 0;
    Point2 t = unit(left(sub(end, c)));
    return segment({"arc", through, end}, end, ccw ? t : mul(t, -1));
}

Pen Pen::sagitta_arc_to(Point2 end, double sagitta) const {
    require_point("sagitta_arc_to", end);
    require_moves("sagitta_arc_to", m_pos, end);
    require(std::isfinite(sagitta) && std::abs(sagitta) > 1e-9, "pen", "sagitta_arc_to",
            fmt::format("needs a finite, non-zero sagitta (got {})", sagitta));
    Point2 mid = mul(add(m_pos, end), 0.5);
    Point2 through = add(mid, mul(left(unit(sub(end, m_pos))), sagitta));
    return arc_to(through, end);
}

Pen Pen::radius_arc_to(Point2 end, double radius) const {
    require_point("radius_arc_to", end);
    require_moves("radius_arc_to", m_pos, end);
    const double half = len(sub(end, m_pos)) / 2;
    require(std::isfinite(radius) && std::abs(radius) >= half, "pen", "radius_arc_to",
            fmt::format("radius |{}| is less than half the chord ({}): the arc cannot reach",
                        radius, half));
    const double sag = std::abs(radius) - std::sqrt(std::max(0.0, radius * radius - half * half));
    return sagitta_arc_to(end, radius > 0 ? sag : -sag);
}

Pen Pen::tangent_arc_to(Point2 end) const {
    require(len(m_tangent) > 0, "pen", "tangent_arc_to",
            "needs a segment before it to be tangent to");
    require_point("tangent_arc_to", end);
    require_moves("tangent_arc_to", m_pos, end);
    // The centre is on the normal at the pen: m_pos + s·n with |centre - end| = |s|.
    Point2 d = sub(end, m_pos), n = left(m_tangent);
    const double nd = n.x * d.x + n.y * d.y;
    require(std::abs(nd) > 1e-9 * len(d), "pen", "tangent_arc_to",
            "ends straight ahead of the last segment (use a line)");
    const double s = (d.x * d.x + d.y * d.y) / (2 * nd);
    Point2 c = add(m_pos, mul(n, s));
    // Sweep from the pen to `end`, counter-clockwise when the centre is on the left.
    Point2 a = sub(m_pos, c), b = sub(end, c);
    double sweep = std::atan2(cross(a, b), a.x * b.x + a.y * b.y); // (-pi, pi]
    if (s > 0 && sweep <= 0) sweep += 2 * pi;
    if (s < 0 && sweep >= 0) sweep -= 2 * pi;
    const double h = sweep / 2, r = std::abs(s);
    Point2 ua = unit(a);
    Point2 through = add(c, mul({ua.x * std::cos(h) - ua.y * std::sin(h),
                                 ua.x * std::sin(h) + ua.y * std::cos(h)}, r));
    return arc_to(through, end);
}

Shape Pen::wire() const {
    require(!m_segments.empty(), "pen", "wire", "needs at least one segment");
    return make_node(pen_op, {params::pen::start(m_start), params::pen::segments(m_segments),
                               params::pen::closed(false)});
}

Shape Pen::close() const {
    Pen p = len(sub(m_pos, m_start)) > 1e-9 ? line_to(m_start.x, m_start.y) : *this;
    bool arcs = false;
    for (const Value& v : p.m_segments)
        arcs = arcs || v.as<ValueList>()[0].as<std::string>() == "arc";
    require(p.m_segments.size() >= (arcs ? 2u : 3u), "pen", "close",
            "encloses nothing: draw at least two lines, or an arc, before closing");
    return make_node(pen_op, {params::pen::start(m_start), params::pen::segments(p.m_segments),
                               params::pen::closed(true)});
}

} // namespace lazycad
