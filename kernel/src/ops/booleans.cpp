// Booleans: union (fuse), difference (cut), intersection (common), n-ary union.
// Expensive: their results go to the directory cache. Not checked with
// BRepCheck on every result (that costs more than the boolean on a chain of
// cuts): geometry/booleans.cpp checks those OCCT reported warnings for.

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef union_op{"union", 1, Cost::expensive, false};
const OpDef difference_op{"difference", 1, Cost::expensive, false};
const OpDef intersection_op{"intersection", 1, Cost::expensive, false};
const OpDef union_all_op{"union_all", 1, Cost::expensive, false};

} // namespace

Shape operator+(const Shape& a, const Shape& b) { return make_node(union_op, {}, {a, b}); }
Shape operator-(const Shape& a, const Shape& b) { return make_node(difference_op, {}, {a, b}); }
Shape operator^(const Shape& a, const Shape& b) { return make_node(intersection_op, {}, {a, b}); }

Shape union_all(const std::vector<Shape>& shapes) {
    require(!shapes.empty(), "union_all", "shapes", "must not be empty");
    require_count("union_all", "shapes", (long long)shapes.size(), 1);
    return make_node(union_all_op, {}, shapes);
}

} // namespace lazycad
