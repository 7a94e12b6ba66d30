#pragma once
// Parameters of pen.
// Written by ops/pen.cpp, read by geometry/pen.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params::pen {

inline constexpr char op[] = "pen";
inline constexpr ParamKey<Point2> start{"start"};
/// Each a list: {"line", end} or {"arc", through, end}, ends as Point2 values.
inline constexpr ParamKey<ValueList> segments{"segments"};
/// True for a face (the last segment ends at start), false for a wire.
inline constexpr ParamKey<bool> closed{"closed"};

} // namespace lazycad::detail::params::pen
