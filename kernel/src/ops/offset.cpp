// offset(distance): move every face of a solid by `distance` along its normal,
// rounding the gaps at edges and corners (BRepOffsetAPI_MakeOffsetShape, arc joins),
// so offsetting a box by d gives the box rounded with radius d.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

// 2: an offset face at the wrong distance is refused (offset_check.hpp).
const OpDef offset_op{"offset", 2, Cost::expensive, true};

} // namespace

Shape Shape::offset(double distance) const {
    require_signed_length("offset", "distance", distance);
    return make_node(offset_op, {{"distance", distance}}, {*this});
}

} // namespace lazycad
