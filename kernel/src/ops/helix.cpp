// Helix wire: a straight line on the developed cylinder, with its 3D curve
// approximated to 1e-7 mm.

#include <cmath>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sweeps.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef helix_op{params::helix::op, 1, Cost::expensive, true};

} // namespace

Shape helix(double pitch, double height, double radius, bool left_handed) {
    require_length("helix", "pitch", pitch);
    require_length("helix", "height", height);
    require_length("helix", "radius", radius);
    require(height / pitch <= 10000, "helix", "height",
            fmt::format("gives more than 10000 turns ({} / pitch {})", height, pitch));
    return make_node(helix_op, {params::helix::pitch(pitch), params::helix::height(height),
                                params::helix::radius(radius),
                                params::helix::left_handed(left_handed)});
}

} // namespace lazycad
