// Linear extrusion of a face (or wire) along +Z.

#include <BRepPrimAPI_MakePrism.hxx>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef extrude_op{"extrude", 1, Cost::cheap, false, [](const OpContext& c) {
    BRepPrimAPI_MakePrism b(c.inputs[0], gp_Vec(0, 0, c.num("height")));
    return built(b, c.op());
}};

} // namespace

Shape Shape::extrude(double height) const {
    require_positive("extrude", "height", height);
    return make_node(extrude_op, {{"height", height}}, {*this});
}

} // namespace lazycad
