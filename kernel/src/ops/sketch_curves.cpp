// Faces bounded by curves: ellipse, and a face from a closed planar wire.

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sketch.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef ellipse_op{params::ellipse::op, 1, Cost::cheap, false};
const OpDef face_op{params::face::op, 1, Cost::cheap, true};

} // namespace

Shape ellipse(double rx, double ry) {
    require_length("ellipse", "rx", rx);
    require_length("ellipse", "ry", ry);
    return make_node(ellipse_op, {params::ellipse::rx(rx), params::ellipse::ry(ry)});
}

Shape face(const Shape& closed_wire) { return make_node(face_op, {}, {closed_wire}); }

} // namespace lazycad
