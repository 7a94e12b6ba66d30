// shell(thickness, open): hollow a solid to a wall of `thickness`, removing the
// selected faces (BRepOffsetAPI_MakeThickSolid). Walls meet with sharp
// (intersection) joins by default, so an outward shell of a box is a box;
// Join::arc rounds them.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/shell.hpp"

namespace lazycad {

using namespace detail;

namespace {

// 2: a wall OCCT trimmed at the wrong place is refused (offset_check.hpp).
const OpDef shell_op{params::shell::op, 2, Cost::expensive, true};

} // namespace

Shape Shape::shell(double thickness, const FaceSelector& open, Join join) const {
    require_signed_length("shell", "thickness", thickness);
    Params p{params::shell::thickness(thickness), params::shell::open(open.expr())};
    // Only a non-default join is a parameter, so the keys of existing shells stay.
    if (join != Join::intersection) p.push_back(params::shell::join(join));
    return make_node(shell_op, std::move(p), {*this});
}

} // namespace lazycad
