#pragma once
// Parameters of hole.
// Written by ops/hole.cpp, read by geometry/hole.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"
#include "lazycad/features.hpp"

namespace lazycad::detail::params::hole {

inline constexpr char op[] = "hole";
inline constexpr ParamKey<double> diameter{"diameter"};
/// 0 for a through hole.
inline constexpr ParamKey<double> depth{"depth"};
/// 0 without a head.
inline constexpr ParamKey<double> head_diameter{"head_diameter"};
/// Counterbore only.
inline constexpr ParamKey<double> head_depth{"head_depth"};
/// Countersink only.
inline constexpr ParamKey<Angle> head_angle{"head_angle"};
inline constexpr EnumKey<HoleSpec::Head, 3> head{"head",
                                                 {{{HoleSpec::Head::plain, "plain"},
                                                   {HoleSpec::Head::counterbore, "counterbore"},
                                                   {HoleSpec::Head::countersink, "countersink"}}}};
inline constexpr ParamKey<Point> entry{"entry"};
inline constexpr ParamKey<Vec> direction{"direction"};

} // namespace lazycad::detail::params::hole
