#pragma once
// Vector arithmetic of planes, shared by ops/placement.cpp (Plane values) and
// geometry/placement.cpp (the frame of an evaluated face), so that both pick
// a plane's x direction by the same rule.

#include <cmath>

#include "lazycad/geometry.hpp"

namespace lazycad::detail {

inline double dot(Vec a, Vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec cross(Vec a, Vec b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline Vec scaled(Vec a, double k) { return {a.x * k, a.y * k, a.z * k}; }
inline double norm(Vec a) { return std::sqrt(dot(a, a)); }

/// The x direction of a plane given only its unit normal, CadQuery's rule
/// (Workplane._computeXdir): world Z × normal, or world X for a plane facing
/// ±Z. Walls then have their local y pointing up.
inline Vec default_x_dir(Vec n) {
    Vec x = cross({0, 0, 1}, n);
    double len = norm(x);
    return len < 1e-9 ? Vec{1, 0, 0} : scaled(x, 1 / len);
}

} // namespace lazycad::detail
