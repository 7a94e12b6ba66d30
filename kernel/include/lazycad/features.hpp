#pragma once
// Holes and patterns, as free functions over Shapes. (Fillet, chamfer, shell and
// offset are Shape methods, see shape.hpp.) Lengths in mm. Every function checks
// its arguments when called and throws lazycad::Error naming the operation and
// the parameter; nothing is computed until the result is needed.
//
//     Shape plate = box(60, 40, 10);
//     plate = hole(plate, HoleSpec::through(6.6).counterbore(11, 6.4), {15, 20, 10});
//     plate = hole(plate, HoleSpec::blind(5, 8).countersink(10), {45, 20, 10});
//     Shape pegs = linear_array(cylinder(2, 5), 4, {10, 0, 0});

#include <vector>

#include "geometry.hpp"
#include "plane.hpp"
#include "shape.hpp"
#include "units.hpp"

namespace lazycad {

/// What to drill: diameter, depth (blind) or through, and an optional
/// counterbore or countersink at the entry. Build one with through() or
/// blind() and refine it; the values are checked by hole().
struct HoleSpec {
    enum class Head { plain, counterbore, countersink };

    double diameter = 0; ///< mm, > 0
    double depth = 0;    ///< mm, > 0 for a blind hole (flat bottom); 0 = through the body
    Head head = Head::plain;
    double head_diameter = 0;   ///< counterbore / countersink diameter at the entry, > diameter
    double head_depth = 0;      ///< counterbore depth (< depth for a blind hole)
    Angle head_angle = deg(90); ///< countersink included angle, 0° < a < 180°

    /// A hole through the whole body.
    static HoleSpec through(double diameter);
    /// A flat-bottomed hole `depth` deep, measured from the entry point.
    static HoleSpec blind(double diameter, double depth);
    /// Add a cylindrical counterbore of `d` and `depth` at the entry.
    HoleSpec counterbore(double d, double depth) const;
    /// Add a conical countersink of entry diameter `d` and included `angle`.
    HoleSpec countersink(double d, Angle angle = deg(90)) const;
};

/// Drill `spec` into `body`. The hole starts at `entry` (a point on the entry
/// surface) and goes along `direction` (default -Z: down into a top face).
/// A through hole goes until it has left the body's bounding box.
/// Throws Error("hole", parameter) for a bad diameter, depth, head or a zero direction.
Shape hole(const Shape& body, const HoleSpec& spec, Point entry, Vec direction = {0, 0, -1});

// --- patterns -----------------------------------------------------------------
// A pattern is the union (one boolean over all copies, op "union_all") of moved
// copies of `shape`. Each copy is a cheap translate/rotate/mirror node on the
// same parent, so the shape is computed once and the copies share its cache
// entry. Disjoint copies give a compound of separate solids; touching copies fuse.

/// `n` >= 1 copies, the i-th moved by i·`step` (the first one stays put).
Shape linear_array(const Shape& shape, int n, Vec step);
/// `n` >= 1 copies rotated about `axis` through the origin. With a full turn
/// (`total` = 360°) the copies are spaced total/n; otherwise they span
/// `total` end to end, spaced total/(n-1). 0° < total <= 360°.
Shape polar_array(const Shape& shape, int n, Angle total = deg(360), Axis axis = Axis::Z);
/// Points of an `nx` × `ny` grid spaced `dx`, `dy`, centred on the origin
/// (CadQuery's rarray, build123d's GridLocations), row by row from -x, -y.
/// Throws Error (op "grid") for counts < 1 or a spacing <= 0 with count > 1.
std::vector<Point2> grid(int nx, int ny, double dx, double dy);
/// `n` points on a circle of `radius` centred on the origin, the first at
/// angle `start` from +X, spread over `total` as polar_array does (CadQuery's
/// polarArray, build123d's PolarLocations). Throws Error (op "polar").
std::vector<Point2> polar(double radius, int n, Angle start = deg(0), Angle total = deg(360));
/// Copies of `shape` moved to each of `at` (in XY), united in one boolean;
/// 2D or 3D. With polar points the copies are not turned: polar_array turns
/// them. Throws Error (op "copies", parameter "at") for an empty list.
Shape copies(const Shape& shape, const std::vector<Point2>& at);

/// `shape` united with its mirror image through `plane`.
Shape mirror_copy(const Shape& shape, const Plane& plane);

} // namespace lazycad
