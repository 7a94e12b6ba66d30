// Booleans: union (fuse), difference (cut), intersection (common), n-ary union.
// Expensive: their results go to the directory cache. Not checked with
// BRepCheck on every result (that costs more than the boolean on a chain of
// cuts): geometry/booleans.cpp checks those OCCT reported warnings for, and
// bounds every result's volume (geometry/boolean_checks.hpp); what leaves
// lazycad is checked in full by the evaluator (eval/validity.hpp).

#include <cmath>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "ops/thread_seat.hpp"
#include "params/booleans.hpp"

namespace lazycad {

using namespace detail;

namespace {

const OpDef union_op{params::boolean::union_op, 2, Cost::expensive, false};
const OpDef difference_op{params::boolean::difference_op, 2, Cost::expensive, false};
const OpDef intersection_op{params::boolean::intersection_op, 2, Cost::expensive, false};
const OpDef union_all_op{params::boolean::union_all_op, 2, Cost::expensive, false};
const OpDef split_op{params::split::op, 1, Cost::expensive, false};

} // namespace

Shape operator+(const Shape& a, const Shape& b) {
    // A thread on its core only touches it: glued, not intersected (the
    // parameter is in the key only then, so other unions keep theirs).
    if (thread_seated_on(a, b) || thread_seated_on(b, a))
        return make_node(union_op, {params::boolean::glue(true)}, {a, b});
    return make_node(union_op, {}, {a, b});
}
Shape operator-(const Shape& a, const Shape& b) { return make_node(difference_op, {}, {a, b}); }
Shape operator^(const Shape& a, const Shape& b) { return make_node(intersection_op, {}, {a, b}); }

Shape Shape::allow_empty() const {
    const Node& n = node();
    require(n.op == difference_op.name || n.op == intersection_op.name || n.op == "hole",
            "allow_empty", "shape",
            "must be a difference, intersection or hole (got " + n.op + ")");
    for (const NamedValue& v : n.params)
        if (v.name == params::boolean::allow_empty.name) return *this;
    Params p = n.params;
    p.push_back(params::boolean::allow_empty(true));
    Shape s = make_node(n.op, n.version, n.cost, n.check_result, n.compute, std::move(p),
                        n.parents);
    return n.name.empty() ? s : s.named(n.name);
}

Shape union_all(const std::vector<Shape>& shapes) {
    require(!shapes.empty(), "union_all", "shapes", "must not be empty");
    require_count("union_all", "shapes", (long long)shapes.size(), 1);
    return make_node(union_all_op, {}, shapes);
}

Shape split(const Shape& shape, Point origin, Vec normal, Keep keep) {
    require_position("split", "origin", origin.x, origin.y, origin.z);
    require_position("split", "normal", normal.x, normal.y, normal.z);
    require(std::hypot(normal.x, normal.y, normal.z) > 1e-9, "split", "normal",
            "must not be the zero vector");
    return make_node(split_op,
                     {params::split::origin(origin), params::split::normal(normal),
                      params::split::keep(keep)},
                     {shape});
}

} // namespace lazycad
