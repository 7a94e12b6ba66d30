#pragma once
// Parameters of extrude, draft extrude and linear (twist/taper) extrude.
// Written by ops/extrude.cpp, read by geometry/extrude.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace extrude {
inline constexpr char op[] = "extrude";
inline constexpr ParamKey<double> height{"height"};
} // namespace extrude

namespace draft_extrude {
inline constexpr char op[] = "draft_extrude";
inline constexpr ParamKey<double> height{"height"};
inline constexpr ParamKey<Angle> draft{"draft"};
} // namespace draft_extrude

namespace linear_extrude {
inline constexpr char op[] = "linear_extrude";
inline constexpr ParamKey<double> height{"height"}, scale{"scale"};
inline constexpr ParamKey<Angle> twist{"twist"};
} // namespace linear_extrude

} // namespace lazycad::detail::params
