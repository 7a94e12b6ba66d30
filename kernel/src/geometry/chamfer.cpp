// chamfer(d, edges): bevel the selected edges of a solid with equal distances (BRepFilletAPI_MakeChamfer).
// OCCT 7.6 rarely says *why* a chamfer failed; almost always the distance does not
// fit the faces next to the edge, so a failed or invalid result is reported as
// parameter 'd' too large. The result is checked here (not by the evaluator)
// so the message can name the parameter.

#include <BRepCheck_Analyzer.hxx>
#include <BRepFilletAPI_MakeChamfer.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/selection_eval.hpp"

namespace lazycad::detail {

namespace {

[[noreturn]] void too_large(const OpContext& c, std::size_t n_edges, const std::string& why) {
    fail(c.op(), "d",
         fmt::format("too large for the selected edges (d = {} on {} edge(s) of {}; {})",
                     c.num("d"), n_edges, describe_edges(c.value("edges")), why));
}

const Compute chamfer_compute{"chamfer", [](const OpContext& c) {
    const double d = c.num("d");
    std::vector<TopoDS_Edge> edges = select_blend_edges(c.inputs[0], c.value("edges"), c.op(), "edges");
    BRepFilletAPI_MakeChamfer b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(d, e);
    try {
        b.Build(c.progress);
    } catch (const Standard_Failure& f) {
        too_large(c, edges.size(), fmt::format("OCCT: {}", f.GetMessageString()));
    }
    if (!b.IsDone()) too_large(c, edges.size(), "OCCT could not build the chamfer");
    TopoDS_Shape result = b.Shape();
    if (!BRepCheck_Analyzer(result).IsValid())
        too_large(c, edges.size(), "the bevelled solid is not valid");
    return result;
}};

} // namespace

} // namespace lazycad::detail
