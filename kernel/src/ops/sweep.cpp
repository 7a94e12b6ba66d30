// Sweep of a profile along a path wire (BRepOffsetAPI_MakePipeShell).

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sweeps.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef sweep_op{params::sweep::op, 2, Cost::expensive, true};

} // namespace

Shape sweep(const Shape& profile, const Shape& path, bool frenet) {
    return make_node(sweep_op, {params::sweep::frenet(frenet)}, {profile, path});
}

} // namespace lazycad
