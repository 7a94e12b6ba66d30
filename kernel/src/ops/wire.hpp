#pragma once
// Point helpers of the wire operations, shared with their compute functions
// in geometry/wire.cpp.

#include <gp_Pnt.hxx>

#include "lazycad/geometry.hpp"

namespace lazycad::detail {

gp_Pnt pnt(Point p);

/// Where the rounding of corner `p` (between neighbours `a` and `b`) starts and
/// ends: distance from the corner along each leg, 0 for a straight-through corner.
double rounding_setback(Point a, Point p, Point b, double r);

} // namespace lazycad::detail
