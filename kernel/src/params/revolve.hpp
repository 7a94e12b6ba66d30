#pragma once
// Parameters of revolve.
// Written by ops/revolve.cpp, read by geometry/revolve.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params::revolve {

inline constexpr char op[] = "revolve";
inline constexpr ParamKey<Angle> angle{"angle"};
/// The axis through the origin, as a unit vector (axis_vector()).
inline constexpr ParamKey<Vec> axis{"axis"};

} // namespace lazycad::detail::params::revolve
