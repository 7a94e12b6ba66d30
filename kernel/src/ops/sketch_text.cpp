// Text as planar faces (built by geometry/sketch_text.cpp). The font is looked
// up when the text is computed: a name no font matches is an Error then.

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "params/sketch.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef text_op{params::text::op, 1, Cost::expensive, true};

} // namespace

Shape text(const std::string& string, double size, const std::string& font) {
    require(!string.empty(), "text", "string", "must not be empty");
    require_count("text", "string", (long long)string.size(), 1);
    require_length("text", "size", size);
    require(!font.empty(), "text", "font", "must not be empty");
    return make_node(text_op, {params::text::string(string), params::text::size(size),
                                params::text::font(font)});
}

} // namespace lazycad
