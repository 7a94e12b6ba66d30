// Revolution of a profile about a coordinate axis through the origin.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/revolve.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef revolve_op{params::revolve::op, 1, Cost::cheap, true};

} // namespace

Shape Shape::revolve(Angle angle, Axis axis) const {
    require_positive("revolve", "angle", angle.radians());
    require(angle.degrees() <= 360 + 1e-9, "revolve", "angle",
            fmt::format("must be at most 360° (got {}°)", angle.degrees()));
    return make_node(revolve_op,
                     {params::revolve::angle(angle), params::revolve::axis(axis_vector(axis))},
                     {*this});
}

} // namespace lazycad
