#pragma once
// Parameters of the 2D shapes: polygon, circle, ellipse, face, text, fillet2d.
// Written by ops/sketch_polygons.cpp, sketch_curves.cpp, sketch_text.cpp and fillet2d.cpp, read by geometry/sketch_polygons.cpp, sketch_curves.cpp, sketch_text.cpp and fillet2d.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params {

namespace polygon {
inline constexpr char op[] = "polygon";
/// The corners, as Point2 values.
inline constexpr ParamKey<ValueList> points{"points"};
} // namespace polygon

namespace circle {
inline constexpr char op[] = "circle";
inline constexpr ParamKey<double> r{"r"};
} // namespace circle

namespace ellipse {
inline constexpr char op[] = "ellipse";
inline constexpr ParamKey<double> rx{"rx"}, ry{"ry"};
} // namespace ellipse

namespace face {
inline constexpr char op[] = "face";
} // namespace face

namespace text {
inline constexpr char op[] = "text";
inline constexpr ParamKey<std::string> string{"string"}, font{"font"};
inline constexpr ParamKey<double> size{"size"};
} // namespace text

namespace fillet2d {
inline constexpr char op[] = "fillet2d";
inline constexpr ParamKey<double> r{"r"};
} // namespace fillet2d

} // namespace lazycad::detail::params
