// Booleans: union (fuse), difference (cut), intersection (common), n-ary union.
// Expensive: their results go to the directory cache.

#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <TopTools_ListOfShape.hxx>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

template <class Algo> TopoDS_Shape binary(const OpContext& c) {
    Algo b(c.inputs[0], c.inputs[1], c.progress);
    check_done(b, c.op());
    return b.Shape();
}

const OpDef union_op{"union", 1, Cost::expensive, true, binary<BRepAlgoAPI_Fuse>};
const OpDef difference_op{"difference", 1, Cost::expensive, true, binary<BRepAlgoAPI_Cut>};
const OpDef intersection_op{"intersection", 1, Cost::expensive, true, binary<BRepAlgoAPI_Common>};

const OpDef union_all_op{"union_all", 1, Cost::expensive, true, [](const OpContext& c) {
    TopTools_ListOfShape first, rest;
    first.Append(c.inputs[0]);
    for (std::size_t i = 1; i < c.inputs.size(); ++i) rest.Append(c.inputs[i]);
    if (rest.IsEmpty()) return c.inputs[0];
    BRepAlgoAPI_Fuse b;
    b.SetArguments(first);
    b.SetTools(rest);
    b.Build(c.progress);
    check_done(b, c.op());
    return b.Shape();
}};

} // namespace

Shape operator+(const Shape& a, const Shape& b) { return make_node(union_op, {}, {a, b}); }
Shape operator-(const Shape& a, const Shape& b) { return make_node(difference_op, {}, {a, b}); }
Shape operator^(const Shape& a, const Shape& b) { return make_node(intersection_op, {}, {a, b}); }

Shape union_all(const std::vector<Shape>& shapes) {
    require(!shapes.empty(), "union_all", "shapes", "must not be empty");
    return make_node(union_all_op, {}, shapes);
}

} // namespace lazycad
