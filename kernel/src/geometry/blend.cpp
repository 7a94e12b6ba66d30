#include "geometry/blend.hpp"

#include "geometry/selection_eval.hpp"

namespace lazycad::detail {

void blend_too_large(const OpContext& c, const char* param, std::size_t n_edges,
                     const std::string& why) {
    fail(c.op(), param,
         fmt::format("too large for the selected edges ({} = {} on {} edge(s) of {}; {})", param,
                     c.num(param), n_edges, describe_edges(c.value("edges")), why));
}

} // namespace lazycad::detail
