// Linear extrusion of a face (or wire) along +Z, optionally twisted and tapered.

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/extrude.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef extrude_op{params::extrude::op, 2, Cost::cheap, false};
const OpDef linear_extrude_op{params::linear_extrude::op, 1, Cost::expensive, true};
const OpDef draft_extrude_op{params::draft_extrude::op, 1, Cost::expensive, true};

} // namespace

Shape Shape::extrude(double height) const {
    require_length("extrude", "height", height);
    return make_node(extrude_op, {params::extrude::height(height)}, {*this});
}

Shape Shape::extrude(double height, Angle draft) const {
    require_length("extrude", "height", height);
    // Negative (widening) drafts: LocOpe_DPrism's volume was 0.05% off the
    // frustum's, so they are refused rather than wrong.
    require(draft.degrees() >= 0 && draft.degrees() < 90 - 1e-9, "extrude", "draft",
            fmt::format("must be at least 0° and below 90° (got {}°)", draft.degrees()));
    if (draft.radians() == 0) return extrude(height);
    return make_node(draft_extrude_op,
                     {params::draft_extrude::height(height), params::draft_extrude::draft(draft)},
                     {*this});
}

Shape linear_extrude(const Shape& profile, double height, Angle twist, double scale) {
    require_length("linear_extrude", "height", height);
    require_positive("linear_extrude", "scale", scale);
    require(scale >= 1e-3 && scale <= 1e3, "linear_extrude", "scale",
            fmt::format("must be between 0.001 and 1000 (got {})", scale));
    require(!(std::abs(twist.degrees()) > 3600), "linear_extrude", "twist",
            fmt::format("must be at most 10 turns (got {}°)", twist.degrees()));
    if (twist.radians() == 0 && scale == 1) return profile.extrude(height);
    return make_node(linear_extrude_op,
                     {params::linear_extrude::height(height), params::linear_extrude::twist(twist),
                      params::linear_extrude::scale(scale)},
                     {profile});
}

} // namespace lazycad
