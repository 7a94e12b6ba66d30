// fillet(r, edges): round the selected edges of a solid (BRepFilletAPI_MakeFillet).
// OCCT 7.6 rarely says *why* a fillet failed; almost always the radius does not
// fit the faces next to the edge, so a failed or invalid result is reported as
// parameter 'r' too large. The result is checked here (not by the evaluator)
// so the message can name the parameter.

#include <algorithm>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "ops/selection.hpp"
#include "params/blend.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef fillet_op{params::fillet::op, 2, Cost::expensive, false};

} // namespace

Shape Shape::fillet(double r, const EdgeSelector& which) const {
    require_length("fillet", "r", r);
    return make_node(fillet_op, {params::fillet::r(r), params::fillet::edges(which.expr())},
                     with_selection_inputs(*this, which.expr()));
}

} // namespace lazycad
