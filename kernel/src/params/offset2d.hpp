#pragma once
// Parameters of offset2d.
// Written by ops/offset2d.cpp, read by geometry/offset2d.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params::offset2d {

inline constexpr char op[] = "offset2d";
inline constexpr ParamKey<double> distance{"distance"};
/// Arcs at convex corners if true, sharp corners otherwise.
inline constexpr ParamKey<bool> rounded{"rounded"};

} // namespace lazycad::detail::params::offset2d
