#pragma once
// Parameters of shell.
// Written by ops/shell.cpp, read by geometry/shell.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"
#include "lazycad/shape.hpp"

namespace lazycad::detail::params {

/// How offset walls meet, as a string (also used by offset).
inline constexpr EnumKey<Join, 2> join{
    "join", {{{Join::arc, "arc"}, {Join::intersection, "intersection"}}}};

namespace shell {
inline constexpr char op[] = "shell";
inline constexpr ParamKey<double> thickness{"thickness"};
/// The faces to open: a FaceSelector's expression.
inline constexpr ParamKey<Value> open{"open"};
/// Absent for the default, Join::intersection (keys made before the option stay).
using params::join;
} // namespace shell

} // namespace lazycad::detail::params
