#pragma once
// 2D shapes, wires and text in the XY plane (faces unless noted), and the
// operations that turn them into solids. Lengths in mm.

#include <vector>

#include "geometry.hpp"
#include "shape.hpp"
#include "units.hpp"

namespace lazycad {

/// Rectangle face with a corner at the origin, or centred on it if `center`.
Shape rectangle(double x, double y, bool center = false);
/// Circle face of radius `r` centred on the origin.
Shape circle(double r);
/// Regular polygon face with `n` >= 3 corners on a circle of radius `r` (circumradius),
/// the first corner on +X.
Shape ngon(double r, int n);
/// Polygon face through `points` (>= 3, not closed explicitly, not self-intersecting).
Shape polygon(const std::vector<Point2>& points);

} // namespace lazycad
