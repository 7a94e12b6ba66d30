#pragma once
// Parameters of offset.
// Written by ops/offset.cpp, read by geometry/offset.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "params/shell.hpp"

namespace lazycad::detail::params::offset {

inline constexpr char op[] = "offset";
inline constexpr ParamKey<double> distance{"distance"};
/// Absent for the default, Join::arc (keys made before the option stay).
using params::join;

} // namespace lazycad::detail::params::offset
