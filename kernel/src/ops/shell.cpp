// shell(thickness, open): hollow a solid to a wall of `thickness`, removing the
// selected faces (BRepOffsetAPI_MakeThickSolid). Walls meet with sharp
// (intersection) joins, so an outward shell of a box is a box, not a rounded one.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

// 2: a wall OCCT trimmed at the wrong place is refused (offset_check.hpp).
const OpDef shell_op{"shell", 2, Cost::expensive, true};

} // namespace

Shape Shape::shell(double thickness, const FaceSelector& open) const {
    require_signed_length("shell", "thickness", thickness);
    return make_node(shell_op, {{"thickness", thickness}, {"open", open.expr()}}, {*this});
}

} // namespace lazycad
