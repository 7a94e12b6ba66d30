#pragma once
// Parameters of the transforms.
// Written by ops/transforms.cpp, read by geometry/transforms.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace translate {
inline constexpr char op[] = "translate";
inline constexpr ParamKey<Vec> offset{"offset"};
} // namespace translate

namespace rotate {
inline constexpr char op[] = "rotate";
inline constexpr ParamKey<Point> origin{"origin"};
inline constexpr ParamKey<Vec> direction{"direction"};
inline constexpr ParamKey<Angle> angle{"angle"};
} // namespace rotate

namespace mirror {
inline constexpr char op[] = "mirror";
/// "XY", "YZ" or "XZ".
inline constexpr ParamKey<std::string> plane{"plane"};
} // namespace mirror

namespace scale {
inline constexpr char op[] = "scale";
inline constexpr ParamKey<double> factor{"factor"};
} // namespace scale

} // namespace lazycad::detail::params
