// Loft: a solid skinned through ordered sections (BRepOffsetAPI_ThruSections).

#include <fmt/format.h>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sweeps.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef loft_op{params::loft::op, 1, Cost::expensive, true};

} // namespace

Shape loft(const std::vector<Shape>& sections, bool ruled) {
    require(sections.size() >= 2, "loft", "sections",
            fmt::format("needs at least 2 sections (got {})", sections.size()));
    require_count("loft", "sections", (long long)sections.size(), 2);
    return make_node(loft_op, {params::loft::ruled(ruled)}, sections);
}

} // namespace lazycad
