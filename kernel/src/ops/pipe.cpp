// Pipe: a circle of radius r swept along a path wire, starting square to it.

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sweeps.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef pipe_op{params::pipe::op, 1, Cost::expensive, true};

} // namespace

Shape pipe(const Shape& path, double r) {
    require_length("pipe", "r", r);
    return make_node(pipe_op, {params::pipe::r(r)}, {path});
}

} // namespace lazycad
