// Sweep of a profile along a path wire (BRepOffsetAPI_MakePipeShell).

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef sweep_op{"sweep", 2, Cost::expensive, true};

} // namespace

Shape sweep(const Shape& profile, const Shape& path, bool frenet) {
    return make_node(sweep_op, {{"frenet", frenet}}, {profile, path});
}

} // namespace lazycad
