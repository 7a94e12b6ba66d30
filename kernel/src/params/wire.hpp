#pragma once
// Parameters of the curves: segment, arc, polyline, spline, bezier, wire.
// Written by ops/wire.cpp, read by geometry/wire.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace segment {
inline constexpr char op[] = "segment";
inline constexpr ParamKey<Point> a{"a"}, b{"b"};
} // namespace segment

/// One operation, two forms: through three points (a, b, c) or about a
/// centre (center, r, start, end); `center` tells which.
namespace arc {
inline constexpr char op[] = "arc";
inline constexpr ParamKey<Point> a{"a"}, b{"b"}, c{"c"}, center{"center"};
inline constexpr ParamKey<double> r{"r"};
inline constexpr ParamKey<Angle> start{"start"}, end{"end"};
} // namespace arc

namespace polyline {
inline constexpr char op[] = "polyline";
/// Point values.
inline constexpr ParamKey<ValueList> points{"points"};
inline constexpr ParamKey<double> corner_radius{"corner_radius"};
inline constexpr ParamKey<bool> closed{"closed"};
} // namespace polyline

namespace spline {
inline constexpr char op[] = "spline";
inline constexpr ParamKey<ValueList> points{"points"};
inline constexpr ParamKey<bool> closed{"closed"};
/// Both present or both absent.
inline constexpr ParamKey<Vec> start_tangent{"start_tangent"}, end_tangent{"end_tangent"};
} // namespace spline

namespace bezier {
inline constexpr char op[] = "bezier";
inline constexpr ParamKey<ValueList> points{"points"};
} // namespace bezier

namespace wire {
inline constexpr char op[] = "wire";
} // namespace wire

} // namespace lazycad::detail::params
