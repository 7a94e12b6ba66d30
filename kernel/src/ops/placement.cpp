// Planes and placement: the Plane value (plain frame arithmetic, no OCCT),
// plane_of() (a lazy face node), on() / relative_to() (one rigid move, op
// "place") and holes drilled from a plane. Compute functions in
// geometry/placement.cpp.

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/features.hpp"
#include "lazycad/plane.hpp"
#include "ops/checks.hpp"
#include "ops/frame.hpp"
#include "params/placement.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef place_op{params::place::op, 1, Cost::cheap, false};
const OpDef plane_of_op{params::plane_of::op, 1, Cost::cheap, false};

Vec minus(Vec a, Vec b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }

void require_finite_vec(const char* param, Vec v) {
    require(std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z), "plane", param,
            fmt::format("must be finite (got {{{}, {}, {}}})", v.x, v.y, v.z));
}

Vec unit(const char* param, Vec v) {
    require_finite_vec(param, v);
    double n = norm(v);
    require(n > 1e-12, "plane", param, "must not be the zero vector");
    return scaled(v, 1 / n);
}

/// Rodrigues: `v` turned by `a` about the unit axis `k`.
Vec turned(Vec v, Vec k, Angle a) {
    const double c = std::cos(a.radians()), s = std::sin(a.radians());
    Vec kxv = cross(k, v);
    double kv = dot(k, v) * (1 - c);
    return {v.x * c + kxv.x * s + k.x * kv, v.y * c + kxv.y * s + k.y * kv,
            v.z * c + kxv.z * s + k.z * kv};
}

Params frame_params(const Plane& p, bool inverse) {
    return {params::place::origin(p.origin()), params::place::normal(p.normal()),
            params::place::x_dir(p.x_dir()), params::place::inverse(inverse)};
}

Shape placed(const Plane& plane, const Shape& shape, bool inverse) {
    if (plane.is_world()) return shape;
    std::vector<Shape> parents{shape};
    if (plane.on_face()) parents.push_back(plane.face());
    return make_node(place_op, frame_params(plane, inverse), std::move(parents));
}

} // namespace

Plane::Plane(Point origin, Vec normal, Vec x_dir) {
    require_position("plane", "origin", origin.x, origin.y, origin.z);
    m_origin = origin;
    m_normal = unit("normal", normal);
    require_finite_vec("x_dir", x_dir);
    // Gram-Schmidt: only the part of x_dir across the normal counts.
    Vec x = minus(x_dir, scaled(m_normal, dot(x_dir, m_normal)));
    require(norm(x) > 1e-9 * std::max(1.0, norm(x_dir)), "plane", "x_dir",
            "must not be zero or parallel to the normal");
    m_x = unit("x_dir", x);
}

Plane::Plane(Point origin, Vec normal)
    : Plane(origin, normal, default_x_dir(unit("normal", normal))) {}

Vec Plane::y_dir() const noexcept { return cross(m_normal, m_x); }

Point Plane::at(double x, double y, double z) const noexcept {
    Vec u = m_x, v = y_dir(), w = m_normal;
    return {m_origin.x + x * u.x + y * v.x + z * w.x, m_origin.y + x * u.y + y * v.y + z * w.y,
            m_origin.z + x * u.z + y * v.z + z * w.z};
}

bool Plane::is_world() const noexcept {
    return !on_face() && m_origin == Point{} && m_normal == Vec{0, 0, 1} && m_x == Vec{1, 0, 0};
}

Plane Plane::offset(double d) const {
    require(std::isfinite(d) && std::abs(d) <= max_length, "plane", "offset",
            fmt::format("must be finite, within ±{} (got {})", max_length, d));
    return shifted_to(at(0, 0, d));
}

Plane Plane::shifted(double x, double y) const {
    require_position("plane", "shift", x, y);
    return shifted_to(at(x, y));
}

Plane Plane::shifted_to(Point origin) const {
    require_position("plane", "origin", origin.x, origin.y, origin.z);
    Plane p = *this;
    p.m_origin = origin;
    return p;
}

Plane Plane::rotated(Angle about_x, Angle about_y, Angle about_z) const {
    // As CadQuery: each turn about the original frame's axes, x first.
    const Vec ax = m_x, ay = y_dir(), az = m_normal;
    auto turn = [&](Vec v) {
        return turned(turned(turned(v, ax, about_x), ay, about_y), az, about_z);
    };
    Plane p = *this;
    p.m_normal = unit("normal", turn(m_normal));
    p.m_x = unit("x_dir", turn(m_x));
    return p;
}

Plane Plane::flipped() const {
    Plane p = *this;
    p.m_normal = scaled(m_normal, -1);
    return p;
}

Plane plane_of(const Shape& shape, const FaceSelector& face) {
    Plane p;
    p.m_face = make_node(plane_of_op, {params::plane_of::face(face.expr())}, {shape});
    return p;
}

Shape on(const Plane& plane, const Shape& shape) { return placed(plane, shape, false); }

Shape relative_to(const Plane& plane, const Shape& shape) { return placed(plane, shape, true); }

Shape hole(const Shape& body, const HoleSpec& spec, const Plane& plane,
           const std::vector<Point2>& at) {
    require(!at.empty(), "hole", "at", "must list at least one point");
    require_count("hole", "at", static_cast<long long>(at.size()), 1);
    for (Point2 p : at) require_position("hole", "at", p.x, p.y);
    // A plane of a face is known only when evaluated: drill in its coordinates.
    const bool lazy = plane.on_face();
    Shape r = lazy ? relative_to(plane, body) : body;
    const Vec down = lazy ? Vec{0, 0, -1} : scaled(plane.normal(), -1);
    for (Point2 p : at) r = hole(r, spec, lazy ? Point{p.x, p.y, 0} : plane.at(p.x, p.y), down);
    return lazy ? on(plane, r) : r;
}

} // namespace lazycad
