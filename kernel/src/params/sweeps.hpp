#pragma once
// Parameters of sweep, loft, pipe and helix.
// Written by ops/sweep.cpp, loft.cpp, pipe.cpp and helix.cpp, read by geometry/sweep.cpp, loft.cpp, pipe.cpp and helix.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace sweep {
inline constexpr char op[] = "sweep";
inline constexpr ParamKey<bool> frenet{"frenet"};
} // namespace sweep

namespace loft {
inline constexpr char op[] = "loft";
inline constexpr ParamKey<bool> ruled{"ruled"};
} // namespace loft

namespace pipe {
inline constexpr char op[] = "pipe";
inline constexpr ParamKey<double> r{"r"};
} // namespace pipe

namespace helix {
inline constexpr char op[] = "helix";
inline constexpr ParamKey<double> pitch{"pitch"}, height{"height"}, radius{"radius"};
inline constexpr ParamKey<bool> left_handed{"left_handed"};
} // namespace helix

} // namespace lazycad::detail::params
