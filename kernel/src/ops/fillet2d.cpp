// 2D fillet: round every corner of a planar face (BRepFilletAPI_MakeFillet2d).

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "params/sketch.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef fillet2d_op{params::fillet2d::op, 1, Cost::cheap, true};

} // namespace

Shape Shape::fillet2d(double r) const {
    require_length("fillet2d", "r", r);
    return make_node(fillet2d_op, {params::fillet2d::r(r)}, {*this});
}

} // namespace lazycad
