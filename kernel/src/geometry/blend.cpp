#include "geometry/blend.hpp"

#include "geometry/selection_eval.hpp"
#include "params/blend.hpp"

namespace lazycad::detail {

void blend_too_large(const OpContext& c, ParamKey<double> size, std::size_t n_edges,
                     const std::string& why) {
    fail(c.op(), size.name,
         fmt::format("too large for the selected edges ({} = {} on {} edge(s) of {}; {})", size.name,
                     c[size], n_edges, describe_edges(c[params::blend::edges]), why));
}

} // namespace lazycad::detail
