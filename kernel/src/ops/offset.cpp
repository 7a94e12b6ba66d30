// offset(distance): move every face of a solid by `distance` along its normal,
// rounding the gaps at edges and corners (BRepOffsetAPI_MakeOffsetShape, arc joins),
// so offsetting a box by d gives the box rounded with radius d; Join::intersection
// extends the faces instead (a box stays a box).

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/offset.hpp"

namespace lazycad {

using namespace detail;

namespace {

// 2: an offset face at the wrong distance is refused (offset_check.hpp).
const OpDef offset_op{params::offset::op, 2, Cost::expensive, true};

} // namespace

Shape Shape::offset(double distance, Join join) const {
    require_signed_length("offset", "distance", distance);
    Params p{params::offset::distance(distance)};
    // Only a non-default join is a parameter, so the keys of existing offsets stay.
    if (join != Join::arc) p.push_back(params::offset::join(join));
    return make_node(offset_op, std::move(p), {*this});
}

} // namespace lazycad
