// Solid primitives: argument checks and nodes (computed by
// geometry/primitives.cpp). Cheap to build, so they are kept in memory only.

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/primitives.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef box_op{params::box::op, 1, Cost::cheap, false};
const OpDef sphere_op{params::sphere::op, 1, Cost::cheap, false};
const OpDef cylinder_op{params::cylinder::op, 1, Cost::cheap, false};
const OpDef cone_op{params::cone::op, 1, Cost::cheap, false};
const OpDef torus_op{params::torus::op, 1, Cost::cheap, false};
const OpDef wedge_op{params::wedge::op, 1, Cost::cheap, false};

} // namespace

Shape box(double x, double y, double z, bool center) {
    require_length("box", "x", x);
    require_length("box", "y", y);
    require_length("box", "z", z);
    return make_node(box_op, {params::box::x(x), params::box::y(y), params::box::z(z),
                              params::box::center(center)});
}

Shape sphere(double r) {
    require_length("sphere", "r", r);
    return make_node(sphere_op, {params::sphere::r(r)});
}

Shape cylinder(double r, double h, bool center) {
    require_length("cylinder", "r", r);
    require_length("cylinder", "h", h);
    return make_node(cylinder_op, {params::cylinder::r(r), params::cylinder::h(h),
                                   params::cylinder::center(center)});
}

Shape cone(double r1, double r2, double h, bool center) {
    require_length_or_zero("cone", "r1", r1);
    require_length_or_zero("cone", "r2", r2);
    require(r1 != r2, "cone", "r2", "must differ from r1 (use cylinder for equal radii)");
    require_length("cone", "h", h);
    return make_node(cone_op, {params::cone::r1(r1), params::cone::r2(r2), params::cone::h(h),
                               params::cone::center(center)});
}

Shape torus(double r1, double r2) {
    require_length("torus", "r1", r1);
    require_length("torus", "r2", r2);
    require(r2 < r1, "torus", "r2", "must be smaller than r1 (a self-intersecting torus)");
    return make_node(torus_op, {params::torus::r1(r1), params::torus::r2(r2)});
}

Shape wedge(double x, double y, double z, double ltx) {
    require_length("wedge", "x", x);
    require_length("wedge", "y", y);
    require_length("wedge", "z", z);
    require_length_or_zero("wedge", "ltx", ltx);
    return make_node(wedge_op, {params::wedge::x(x), params::wedge::y(y), params::wedge::z(z),
                                params::wedge::ltx(ltx)});
}

} // namespace lazycad
