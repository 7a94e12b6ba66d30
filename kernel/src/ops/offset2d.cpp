// offset2d(): a face or closed planar wire grown or shrunk in its plane.

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/offset2d.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef offset2d_op{params::offset2d::op, 1, Cost::cheap, true};

} // namespace

Shape offset2d(const Shape& shape, double distance, bool rounded) {
    require_signed_length("offset2d", "distance", distance);
    return make_node(offset2d_op,
                     {params::offset2d::distance(distance), params::offset2d::rounded(rounded)},
                     {shape});
}

} // namespace lazycad
