#pragma once
// Parameters of place and plane_of.
// Written by ops/placement.cpp, read by geometry/placement.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace place {
inline constexpr char op[] = "place";
/// The plane's frame; relative to the face's frame when the plane is on a face.
inline constexpr ParamKey<Point> origin{"origin"};
inline constexpr ParamKey<Vec> normal{"normal"}, x_dir{"x_dir"};
/// True for relative_to(): the move from the plane back to the world.
inline constexpr ParamKey<bool> inverse{"inverse"};
} // namespace place

namespace plane_of {
inline constexpr char op[] = "plane_of";
/// The face: a FaceSelector's expression.
inline constexpr ParamKey<Value> face{"face"};
} // namespace plane_of

} // namespace lazycad::detail::params
