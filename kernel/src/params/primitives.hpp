#pragma once
// Parameters of the solid primitives.
// Written by ops/primitives.cpp, read by geometry/primitives.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace box {
inline constexpr char op[] = "box";
inline constexpr ParamKey<double> x{"x"}, y{"y"}, z{"z"};
inline constexpr ParamKey<bool> center{"center"};
} // namespace box

namespace sphere {
inline constexpr char op[] = "sphere";
inline constexpr ParamKey<double> r{"r"};
} // namespace sphere

namespace cylinder {
inline constexpr char op[] = "cylinder";
inline constexpr ParamKey<double> r{"r"}, h{"h"};
inline constexpr ParamKey<bool> center{"center"};
} // namespace cylinder

namespace cone {
inline constexpr char op[] = "cone";
inline constexpr ParamKey<double> r1{"r1"}, r2{"r2"}, h{"h"};
inline constexpr ParamKey<bool> center{"center"};
} // namespace cone

namespace torus {
inline constexpr char op[] = "torus";
inline constexpr ParamKey<double> r1{"r1"}, r2{"r2"};
} // namespace torus

namespace wedge {
inline constexpr char op[] = "wedge";
inline constexpr ParamKey<double> x{"x"}, y{"y"}, z{"z"}, ltx{"ltx"};
} // namespace wedge

} // namespace lazycad::detail::params
