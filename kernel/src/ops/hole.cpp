// hole(body, spec, entry, direction): cut a drilled hole, optionally with a
// counterbore or countersink. The drill is one solid of revolution (its half
// profile revolved about the hole axis), cut from the body in one boolean.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/features.hpp"
#include "ops/checks.hpp"
#include "params/hole.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef hole_op{params::hole::op, 2, Cost::expensive, true};

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
    require_length("hole", "depth", depth);
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
    require_length("hole", "diameter", spec.diameter);
    require_position("hole", "entry", entry.x, entry.y, entry.z);
    require_length_or_zero("hole", "depth", spec.depth);
    double len = std::sqrt(direction.x * direction.x + direction.y * direction.y +
                           direction.z * direction.z);
    require(std::isfinite(len) && len > 1e-12, "hole", "direction",
            "must not be the zero vector");
    direction = {direction.x / len, direction.y / len, direction.z / len};

    namespace p = params::hole;
    Params params{p::diameter(spec.diameter), p::depth(spec.depth)};
    if (spec.head == HoleSpec::Head::counterbore) {
        require(spec.head_diameter > spec.diameter, "hole", "counterbore_diameter",
                fmt::format("must be larger than the hole diameter {} (got {})", spec.diameter,
                            spec.head_diameter));
        require_length("hole", "counterbore_depth", spec.head_depth);
        require(spec.depth == 0 || spec.head_depth < spec.depth, "hole", "counterbore_depth",
                fmt::format("must be less than the hole depth {} (got {})", spec.depth,
                            spec.head_depth));
        params.push_back(p::head_diameter(spec.head_diameter));
        params.push_back(p::head_depth(spec.head_depth));
    } else if (spec.head == HoleSpec::Head::countersink) {
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
        params.push_back(p::head_diameter(spec.head_diameter));
        params.push_back(p::head_angle(spec.head_angle));
    } else {
        params.push_back(p::head_diameter(0.0));
    }
    params.push_back(p::head(spec.head));
    params.push_back(p::entry(entry));
    params.push_back(p::direction(direction));
    return make_node(hole_op, std::move(params), {body});
}

} // namespace lazycad
