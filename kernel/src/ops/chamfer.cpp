// chamfer(d, edges): bevel the selected edges of a solid with equal distances (BRepFilletAPI_MakeChamfer).
// OCCT 7.6 rarely says *why* a chamfer failed; almost always the distance does not
// fit the faces next to the edge, so a failed or invalid result is reported as
// parameter 'd' too large. The result is checked here (not by the evaluator)
// so the message can name the parameter.

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "ops/selection.hpp"
#include "params/blend.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef chamfer_op{params::chamfer::op, 2, Cost::expensive, false};

} // namespace

Shape Shape::chamfer(double d, const EdgeSelector& which) const {
    require_length("chamfer", "d", d);
    return make_node(chamfer_op, {params::chamfer::d(d), params::chamfer::edges(which.expr())},
                     with_selection_inputs(*this, which.expr()));
}

} // namespace lazycad
