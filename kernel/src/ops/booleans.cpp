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

namespace lazycad {

using namespace detail;

namespace {

const OpDef union_op{"union", 2, Cost::expensive, false};
const OpDef difference_op{"difference", 2, Cost::expensive, false};
const OpDef intersection_op{"intersection", 2, Cost::expensive, false};
const OpDef union_all_op{"union_all", 2, Cost::expensive, false};
const OpDef split_op{"split", 1, Cost::expensive, false};

} // namespace

Shape operator+(const Shape& a, const Shape& b) {
    // A thread on its core only touches it: glued, not intersected (the
    // parameter is in the key only then, so other unions keep theirs).
    if (thread_seated_on(a, b) || thread_seated_on(b, a))
        return make_node(union_op, {{"glue", true}}, {a, b});
    return make_node(union_op, {}, {a, b});
}
Shape operator-(const Shape& a, const Shape& b) { return make_node(difference_op, {}, {a, b}); }
Shape operator^(const Shape& a, const Shape& b) { return make_node(intersection_op, {}, {a, b}); }

Shape Shape::allow_empty() const {
    const Node& n = node();
    require(n.op == difference_op.name || n.op == intersection_op.name || n.op == "hole",
            "allow_empty", "shape",
            "must be a difference, intersection or hole (got " + n.op + ")");
    for (const NamedValue& p : n.params)
        if (p.name == "allow_empty") return *this;
    Params params = n.params;
    params.push_back({"allow_empty", true});
    Shape s = make_node(n.op, n.version, n.cost, n.check_result, n.compute, std::move(params),
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
    const char* side = keep == Keep::above ? "above" : keep == Keep::below ? "below" : "both";
    return make_node(split_op, {{"origin", origin}, {"normal", normal}, {"keep", side}}, {shape});
}

} // namespace lazycad
