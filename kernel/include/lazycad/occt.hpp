#pragma once
// The opt-in door to OCCT: the evaluated TopoDS_Shape of a lazy Shape, and
// custom lazy operations (evalcache's `@lazy`) written against OCCT directly.

#include <functional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "evaluate.hpp"
#include "shape.hpp"
#include "value.hpp"

namespace lazycad {

/// Evaluate `s` (through the caches) and return its OCCT shape.
TopoDS_Shape occt_shape(const Shape& s, const EvalOptions& options = {});

/// The OCCT shape of an evaluated root (evaluate()'s results). Null if `r` is empty.
inline const TopoDS_Shape& occt_shape(const Result& r) {
    static const TopoDS_Shape null_shape;
    return r.occt() ? *r.occt() : null_shape;
}

/// A user operation: gets its parents' evaluated shapes and its parameters.
/// It may throw lazycad::Error or let OCCT throw; either becomes an Error
/// naming the operation.
using CustomOperation =
    std::function<TopoDS_Shape(const std::vector<TopoDS_Shape>& inputs, const Params& params)>;

/// Wrap `fn` as a lazy, cached node. The key covers `name`, `version`, `params`
/// and the inputs' keys, not the code of `fn`: change `version` whenever the
/// function's geometry changes, and exactly this node and its descendants are
/// recomputed. Results are written to the directory cache like any expensive
/// operation.
Shape custom_operation(std::string name, std::string version, Params params,
                       std::vector<Shape> inputs, CustomOperation fn);

} // namespace lazycad
