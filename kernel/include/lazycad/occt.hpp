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

/// A custom operation's version: a plain string ("1"), or pinned("1").
struct CustomVersion {
    std::string text;
    bool pinned = false;
    CustomVersion(std::string v) : text(std::move(v)) {}
    CustomVersion(const char* v) : text(v) {}
};

/// "I promise the result did not change": the key covers this version string
/// and not the script's code, so results survive a refactor of the script or
/// its headers. Change the string when the geometry does change.
inline CustomVersion pinned(std::string version) {
    CustomVersion v(std::move(version));
    v.pinned = true;
    return v;
}

/// Wrap `fn` as a lazy, cached node. The key covers `name`, `version`, `params`,
/// the inputs' keys and, made by a script run through lazycad, the code of
/// that script: a fingerprint of the script and of the local headers it
/// includes (not lazycad's, OCCT's or system headers). Any edit of them
/// recomputes the operation, as a code change should; `pinned(version)` opts
/// out. Outside a script run (a program linking lazycad) there is no
/// fingerprint: change `version` whenever the function's geometry changes.
/// Results are written to the directory cache like any expensive operation.
Shape custom_operation(std::string name, CustomVersion version, Params params,
                       std::vector<Shape> inputs, CustomOperation fn);

} // namespace lazycad
