#pragma once
// 2D shapes, wires and text, and the operations that turn them into solids.
// Lengths in mm, angles as lazycad::Angle. Faces are made in the XY plane;
// wires (paths) may be 3D. Every function checks its arguments before any
// geometry is built and throws lazycad::Error naming the operation and the
// parameter; problems only visible in the evaluated inputs (a profile that
// crosses the revolve axis, a pipe too thick for its path) throw the same
// kind of Error when the shape is evaluated.

#include <string>
#include <vector>

#include "geometry.hpp"
#include "shape.hpp"
#include "units.hpp"

namespace lazycad {

// --- faces in the XY plane (kernel/src/ops/sketch_*.cpp) ----------------------------

/// Rectangle face with a corner at the origin, or centred on it if `center`.
Shape rectangle(double x, double y, bool center = false);
/// Circle face of radius `r` centred on the origin.
Shape circle(double r);
/// Ellipse face centred on the origin with semi-axis `rx` along X and `ry` along Y.
Shape ellipse(double rx, double ry);
/// Regular polygon face with `n` >= 3 corners on a circle of radius `r` (circumradius),
/// the first corner on +X.
Shape ngon(double r, int n);
/// Polygon face through `points` (>= 3, not closed explicitly, not self-intersecting).
Shape polygon(const std::vector<Point2>& points);

/// Slot face centred on the origin: `length` end to end along X (turned by
/// `angle` counter-clockwise), `width` across, with round ends (CadQuery's
/// slot2D). Throws Error (op "slot") unless length >= width > 0.
Shape slot(double length, double width, Angle angle = deg(0));

/// A face or closed planar wire grown outwards by `distance` mm (shrunk if
/// negative), with round corners where it grows, or its sides extended to
/// sharp corners if `!rounded` (CadQuery's offset2D kind "arc" /
/// "intersection"). Faces with holes are not supported. Throws Error (op
/// "offset2d") naming "distance", or "shape" when evaluated.
Shape offset2d(const Shape& shape, double distance, bool rounded = true);

/// Planar face bounded by a closed planar wire (from `polyline(..., closed)` or `wire`).
/// Throws Error (op "face", parameter "wire") at evaluation if the wire is open or not
/// planar.
Shape face(const Shape& closed_wire);

/// Text as a set of planar faces in the XY plane, baseline on y = 0 starting at x = 0.
/// `size` is the font size in mm (roughly the height of a capital plus descender);
/// `font` is a family name known to fontconfig ("DejaVu Sans") or the path of a
/// font file. Throws Error (op "text") for an empty string or a size <= 0; a font
/// that cannot be found is an Error (parameter "font") when the text is computed.
Shape text(const std::string& string, double size, const std::string& font = "DejaVu Sans");

// --- edges and wires (kernel/src/ops/wire.cpp) ---------------------------------------

/// Straight edge from `a` to `b` (distinct points).
Shape segment(Point a, Point b);
/// Circular arc edge from `a` through `b` to `c` (three distinct, non-collinear points).
Shape arc(Point a, Point b, Point c);
/// Circular arc edge in the plane z = center.z, of radius `r` > 0 around `center`,
/// counter-clockwise from angle `start` to `end` (measured from +X; end > start,
/// end - start <= 360°).
Shape arc(Point center, double r, Angle start, Angle end);
/// Wire through `points` (>= 2) with straight segments; if `closed`, back to the first.
/// With `corner_radius` > 0 every corner is rounded by a tangent arc of that radius;
/// throws Error (parameter "corner_radius") if two neighbouring roundings do not fit
/// on their shared segment.
Shape polyline(const std::vector<Point>& points, double corner_radius = 0, bool closed = false);
/// Smooth (C2) edge interpolating `points` (>= 2, consecutive ones distinct),
/// usable in wire(), face() and as a sweep path. `start_tangent` and
/// `end_tangent` fix the directions at the ends (both or neither; a zero Vec
/// leaves them free). `closed` makes a periodic curve back to the first point
/// (>= 3 points, no tangents). Throws Error (op "spline") naming the parameter.
Shape spline(const std::vector<Point>& points, Vec start_tangent = {}, Vec end_tangent = {},
             bool closed = false);
/// Bézier edge with these control points (2 to 25), passing through the first
/// and last. Throws Error (op "bezier", parameter "points").
Shape bezier(const std::vector<Point>& points);
/// One wire from edges and wires given in order, each starting where the previous ends.
/// Throws Error (op "wire", parameter "parts") at evaluation if they do not connect.
Shape wire(const std::vector<Shape>& parts);
/// Right-handed (or left-handed) helix wire around +Z from (radius, 0, 0), rising
/// `pitch` per turn up to z = `height`. Exact to 1e-6 mm for any number of turns.
Shape helix(double pitch, double height, double radius, bool left_handed = false);

// --- from 2D to solids (kernel/src/ops/extrude.cpp, revolve.cpp, sweep.cpp, ...) ------

/// Extrude a face along +Z by `height` > 0, turning it by `twist` (counter-clockwise
/// seen from +Z, about the Z axis) and scaling it about the Z axis by `scale` (> 0) at
/// the top. Without twist and scale this is `profile.extrude(height)`.
Shape linear_extrude(const Shape& profile, double height, Angle twist = deg(0),
                     double scale = 1.0);
/// Sweep a face or closed wire (-> solid) or an open wire (-> sheet) along a path
/// wire. OCCT cannot sweep along every sharp corner: round the path's corners
/// (polyline's corner_radius) if it says so. The profile is used
/// where it is: draw it at the path's start, across the path. `frenet` keeps the
/// profile aligned to the path's Frenet frame (right for helices); otherwise OCCT's
/// corrected Frenet frame, which does not twist along plane curves.
Shape sweep(const Shape& profile, const Shape& path, bool frenet = false);
/// Solid through two or more sections (faces or closed wires, no holes), in order.
/// `ruled` joins neighbouring sections with ruled surfaces; otherwise a smooth skin.
Shape loft(const std::vector<Shape>& sections, bool ruled = false);
/// Solid tube of radius `r` > 0 along a path wire (a circle swept along it, placed
/// at the path's start). Throws Error (parameter "r") at evaluation if `r` is not
/// smaller than the path's smallest radius of curvature.
Shape pipe(const Shape& path, double r);

} // namespace lazycad
