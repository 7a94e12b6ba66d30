#pragma once
// Parameters of fillet and chamfer.
// Written by ops/fillet.cpp and chamfer.cpp (and geometry/blend.cpp), read by geometry/fillet.cpp and chamfer.cpp (and geometry/blend.cpp) (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace blend {
/// The edges to round or bevel: an EdgeSelector's expression.
inline constexpr ParamKey<Value> edges{"edges"};
} // namespace blend

namespace fillet {
inline constexpr char op[] = "fillet";
inline constexpr ParamKey<double> r{"r"};
using blend::edges;
} // namespace fillet

namespace chamfer {
inline constexpr char op[] = "chamfer";
inline constexpr ParamKey<double> d{"d"};
using blend::edges;
} // namespace chamfer

} // namespace lazycad::detail::params
