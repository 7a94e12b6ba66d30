// Planar faces bounded by straight edges or a circle.

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sketch.hpp"

namespace lazycad {

using namespace detail;

namespace {

bool segments_cross(Point2 a, Point2 b, Point2 c, Point2 d) {
    auto orient = [](Point2 p, Point2 q, Point2 r) {
        return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    };
    double d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

const OpDef polygon_op{params::polygon::op, 1, Cost::cheap, true};
const OpDef circle_op{params::circle::op, 1, Cost::cheap, false};

} // namespace

Shape polygon(const std::vector<Point2>& points) {
    require(points.size() >= 3, "polygon", "points",
            fmt::format("needs at least 3 points (got {})", points.size()));
    // The self-intersection check below is quadratic in the number of points.
    require_count("polygon", "points", (long long)points.size(), 3);
    for (const Point2& p : points) require_position("polygon", "points", p.x, p.y);
    std::size_t n = points.size();
    for (std::size_t i = 0; i < n; ++i) {
        Point2 a = points[i], b = points[(i + 1) % n];
        require(std::hypot(b.x - a.x, b.y - a.y) > 1e-9, "polygon", "points",
                fmt::format("has two equal consecutive points (index {})", i));
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j == n - 1) continue; // neighbours through the closing edge
            require(!segments_cross(a, b, points[j], points[(j + 1) % n]), "polygon", "points",
                    fmt::format("self-intersects (edges {} and {})", i, j));
        }
    }
    ValueList pts(points.begin(), points.end());
    return make_node(polygon_op, {params::polygon::points(std::move(pts))});
}

Shape rectangle(double x, double y, bool center) {
    require_length("rectangle", "x", x);
    require_length("rectangle", "y", y);
    double x0 = center ? -x / 2 : 0, y0 = center ? -y / 2 : 0;
    return polygon({{x0, y0}, {x0 + x, y0}, {x0 + x, y0 + y}, {x0, y0 + y}});
}

Shape ngon(double r, int n) {
    require_length("ngon", "r", r);
    require_count("ngon", "n", n, 3);
    std::vector<Point2> pts;
    for (int i = 0; i < n; ++i)
        pts.push_back({r * std::cos(2 * pi * i / n), r * std::sin(2 * pi * i / n)});
    return polygon(pts);
}

Shape circle(double r) {
    require_length("circle", "r", r);
    return make_node(circle_op, {params::circle::r(r)});
}

} // namespace lazycad
