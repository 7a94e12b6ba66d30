// Rigid transforms move the shape's location (no copy); mirror and scale
// rebuild geometry, since OCCT 7.6 forbids them in a TopLoc_Location.

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/plane.hpp"
#include "ops/checks.hpp"
#include "params/transforms.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef translate_op{params::translate::op, 1, Cost::cheap, false};
const OpDef rotate_op{params::rotate::op, 1, Cost::cheap, false};
const OpDef mirror_op{params::mirror::op, 1, Cost::cheap, false};
const OpDef scale_op{params::scale::op, 1, Cost::cheap, false};

Shape rotate_about(const Shape& s, Point origin, Vec dir, Angle a) {
    return make_node(rotate_op,
                     {params::rotate::origin(origin), params::rotate::direction(dir),
                      params::rotate::angle(a)},
                     {s});
}

} // namespace

Shape Shape::translate(double x, double y, double z) const {
    require_position("translate", "offset", x, y, z);
    return make_node(translate_op, {params::translate::offset(Vec{x, y, z})}, {*this});
}
Shape Shape::up(double d) const { return translate(0, 0, d); }
Shape Shape::down(double d) const { return translate(0, 0, -d); }
Shape Shape::left(double d) const { return translate(-d, 0, 0); }
Shape Shape::right(double d) const { return translate(d, 0, 0); }
Shape Shape::forw(double d) const { return translate(0, d, 0); }
Shape Shape::back(double d) const { return translate(0, -d, 0); }

Shape Shape::rotate_x(Angle a) const { return rotate_about(*this, {}, {1, 0, 0}, a); }
Shape Shape::rotate_y(Angle a) const { return rotate_about(*this, {}, {0, 1, 0}, a); }
Shape Shape::rotate_z(Angle a) const { return rotate_about(*this, {}, {0, 0, 1}, a); }

Shape Shape::rotate(Point origin, Vec direction, Angle a) const {
    double len2 = direction.x * direction.x + direction.y * direction.y + direction.z * direction.z;
    require(len2 > 1e-24, "rotate", "direction", "must not be the zero vector");
    require_position("rotate", "origin", origin.x, origin.y, origin.z);
    return rotate_about(*this, origin, direction, a);
}

Shape Shape::mirror(const Plane& plane) const {
    // A coordinate plane through the origin keeps its node (and its keys);
    // any other plane is that mirror seen from the plane.
    Point o = plane.origin();
    Vec n = plane.normal();
    const char* name = std::abs(n.z) == 1   ? "XY"
                       : std::abs(n.x) == 1 ? "YZ"
                       : std::abs(n.y) == 1 ? "XZ"
                                            : nullptr;
    if (plane.on_face() || o.x != 0 || o.y != 0 || o.z != 0 || !name)
        return on(plane, relative_to(plane, *this).mirror(Plane::XY));
    return make_node(mirror_op, {params::mirror::plane(name)}, {*this});
}

Shape Shape::scale(double factor) const {
    require_positive("scale", "factor", factor);
    require(factor >= 1e-6 && factor <= 1e6, "scale", "factor",
            fmt::format("must be between 1e-06 and 1e+06 (got {})", factor));
    return make_node(scale_op, {params::scale::factor(factor)}, {*this});
}

} // namespace lazycad
