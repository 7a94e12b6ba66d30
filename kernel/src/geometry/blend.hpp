#pragma once
// What fillet and chamfer share. OCCT 7.6 rarely says *why* a blend failed;
// almost always its size does not fit the faces next to an edge, so a failed
// or invalid result is reported as the size parameter being too large. The
// result is checked here (not by the evaluator) so the message can name it.

#include <cstddef>
#include <string>

#include <Standard_Failure.hxx>
#include <TopoDS_Shape.hxx>
#include <fmt/format.h>

#include "geometry/results.hpp"
#include "graph/node.hpp"

namespace lazycad::detail {

/// Throw "<op>: parameter '<size>' too large for the selected edges (...; why)".
[[noreturn]] void blend_too_large(const OpContext& c, ParamKey<double> size, std::size_t n_edges,
                                  const std::string& why);

/// Build a BRepFilletAPI_MakeFillet or _MakeChamfer to which `n_edges` edges
/// were added with size parameter `size`; `what` names the result in errors.
template <class Builder>
TopoDS_Shape build_blend(Builder& b, const OpContext& c, ParamKey<double> size, std::size_t n_edges,
                         const char* what) {
    try {
        b.Build(c.progress);
    } catch (const Standard_Failure& f) {
        blend_too_large(c, size, n_edges, fmt::format("OCCT: {}", f.GetMessageString()));
    }
    if (!b.IsDone()) blend_too_large(c, size, n_edges, fmt::format("OCCT could not build the {} solid", what));
    TopoDS_Shape result = b.Shape();
    if (!is_valid_shape(result))
        blend_too_large(c, size, n_edges, fmt::format("the {} solid is not valid", what));
    return result;
}

} // namespace lazycad::detail
