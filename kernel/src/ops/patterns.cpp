// Patterns: linear and polar arrays, mirror copy. Each is sugar over existing
// nodes: a union_all of cheap moved copies of one parent, so the parent is
// computed once and each copy's key is the parent's key plus its transform.

#include <cmath>

#include <fmt/format.h>

#include "lazycad/features.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

Shape linear_array(const Shape& shape, int n, Vec step) {
    require_count("linear_array", "n", n, 1);
    require(std::isfinite(step.x) && std::isfinite(step.y) && std::isfinite(step.z),
            "linear_array", "step",
            fmt::format("must be a finite vector (got {{{}, {}, {}}})", step.x, step.y, step.z));
    require(n == 1 || std::hypot(step.x, step.y, step.z) > 1e-9, "linear_array", "step",
            "must not be the zero vector (the copies would coincide)");
    require_position("linear_array", "step", step.x * (n - 1), step.y * (n - 1), step.z * (n - 1));
    if (n == 1) return shape;
    std::vector<Shape> copies{shape};
    for (int i = 1; i < n; ++i) copies.push_back(shape.translate(step.x * i, step.y * i, step.z * i));
    return union_all(copies);
}

Shape polar_array(const Shape& shape, int n, Angle total, Axis axis) {
    require_count("polar_array", "n", n, 1);
    const double deg_total = total.degrees();
    require(deg_total > 0 && deg_total <= 360 + 1e-9, "polar_array", "total",
            fmt::format("must be in (0°, 360°] (got {}°)", deg_total));
    if (n == 1) return shape;
    const bool full = std::abs(deg_total - 360) < 1e-9;
    const Angle step = full ? total / n : total / (n - 1);
    std::vector<Shape> copies{shape};
    for (int i = 1; i < n; ++i) {
        Angle a = step * i;
        copies.push_back(axis == Axis::X   ? shape.rotate_x(a)
                         : axis == Axis::Y ? shape.rotate_y(a)
                                           : shape.rotate_z(a));
    }
    return union_all(copies);
}

std::vector<Point2> grid(int nx, int ny, double dx, double dy) {
    require_count("grid", "nx", nx, 1);
    require_count("grid", "ny", ny, 1);
    require_count("grid", "nx * ny", static_cast<long long>(nx) * ny, 1);
    if (nx > 1) require_length("grid", "dx", dx);
    if (ny > 1) require_length("grid", "dy", dy);
    std::vector<Point2> out;
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i)
            out.push_back({nx > 1 ? (i - (nx - 1) / 2.0) * dx : 0.0,
                           ny > 1 ? (j - (ny - 1) / 2.0) * dy : 0.0});
    return out;
}

std::vector<Point2> polar(double radius, int n, Angle start, Angle total) {
    require_length("polar", "radius", radius);
    require_count("polar", "n", n, 1);
    const double deg_total = total.degrees();
    require(deg_total > 0 && deg_total <= 360 + 1e-9, "polar", "total",
            fmt::format("must be in (0°, 360°] (got {}°)", deg_total));
    require(std::isfinite(start.radians()), "polar", "start", "must be finite");
    const bool full = std::abs(deg_total - 360) < 1e-9;
    const double step = n == 1 ? 0 : full ? total.radians() / n : total.radians() / (n - 1);
    std::vector<Point2> out;
    for (int i = 0; i < n; ++i) {
        double a = start.radians() + step * i;
        out.push_back({radius * std::cos(a), radius * std::sin(a)});
    }
    return out;
}

Shape copies(const Shape& shape, const std::vector<Point2>& at) {
    require(!at.empty(), "copies", "at", "must list at least one point");
    require_count("copies", "at", static_cast<long long>(at.size()), 1);
    std::vector<Shape> moved;
    for (Point2 p : at) {
        require_position("copies", "at", p.x, p.y);
        moved.push_back(p.x == 0 && p.y == 0 ? shape : shape.translate(p.x, p.y, 0));
    }
    return moved.size() == 1 ? moved.front() : union_all(moved);
}

Shape mirror_copy(const Shape& shape, const Plane& plane) { return shape + shape.mirror(plane); }

} // namespace lazycad
