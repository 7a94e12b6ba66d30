// fillet(r, edges): round the selected edges of a solid (BRepFilletAPI_MakeFillet).
// OCCT 7.6 rarely says *why* a fillet failed; almost always the radius does not
// fit the faces next to the edge, so a failed or invalid result is reported as
// parameter 'r' too large. The result is checked here (not by the evaluator)
// so the message can name the parameter.

#include <BRepCheck_Analyzer.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "ops/selection_eval.hpp"

namespace lazycad {

using namespace detail;

namespace {

[[noreturn]] void too_large(const OpContext& c, std::size_t n_edges, const std::string& why) {
    fail(c.op(), "r",
         fmt::format("too large for the selected edges (r = {} on {} edge(s) of {}; {})",
                     c.num("r"), n_edges, describe_edges(c.value("edges")), why));
}

const OpDef fillet_op{"fillet", 1, Cost::expensive, false, [](const OpContext& c) {
    const double r = c.num("r");
    std::vector<TopoDS_Edge> edges = select_blend_edges(c.inputs[0], c.value("edges"), c.op(), "edges");
    BRepFilletAPI_MakeFillet b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(r, e);
    try {
        b.Build(c.progress);
    } catch (const Standard_Failure& f) {
        too_large(c, edges.size(), fmt::format("OCCT: {}", f.GetMessageString()));
    }
    if (!b.IsDone()) too_large(c, edges.size(), "OCCT could not build the fillet");
    TopoDS_Shape result = b.Shape();
    if (!BRepCheck_Analyzer(result).IsValid())
        too_large(c, edges.size(), "the rounded solid is not valid");
    return result;
}};

} // namespace

Shape Shape::fillet(double r, const EdgeSelector& which) const {
    require_positive("fillet", "r", r);
    return make_node(fillet_op, {{"r", r}, {"edges", which.expr()}}, {*this});
}

} // namespace lazycad
