// offset2d(): a face or closed planar wire grown or shrunk in its plane.

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef offset2d_op{"offset2d", 1, Cost::cheap, true};

} // namespace

Shape offset2d(const Shape& shape, double distance, bool rounded) {
    require_signed_length("offset2d", "distance", distance);
    return make_node(offset2d_op, {{"distance", distance}, {"rounded", rounded}}, {shape});
}

} // namespace lazycad
