#pragma once
// Shape: a cheap, immutable value handle over one lazy node. Copying a Shape
// copies a pointer; every operation returns a new Shape and computes nothing.
// Geometry is built only when a result is needed (display, export, evaluate).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "key.hpp"
#include "selection.hpp"
#include "units.hpp"
#include "value.hpp"

namespace lazycad {

namespace detail {
struct Node;
}
class Plane; // plane.hpp

/// How offset faces meet across the gap at a convex edge: rounded (OCCT's
/// GeomAbs_Arc) or extended until they intersect (GeomAbs_Intersection).
enum class Join { arc, intersection };

class Shape {
public:
    /// The empty shape, a placeholder so that `Shape s; if (...) s = ...;`
    /// compiles. Evaluating it (or anything made from it) throws Error
    /// "empty shape: assign it before use".
    Shape();
    explicit Shape(std::shared_ptr<const detail::Node> node) : m_node(std::move(node)) {}

    /// Whether this is the default-constructed (empty) shape.
    bool empty() const noexcept;

    // --- identity of the lazy node ---------------------------------------------
    const NodeKey& key() const noexcept;
    const std::string& operation() const noexcept;
    unsigned operation_version() const noexcept;
    const Params& params() const noexcept;
    const std::vector<Shape>& parents() const noexcept;
    /// The name given by `named()`, or empty.
    const std::string& name() const noexcept;
    /// The code address of the call that made this node (a script line, for
    /// the runner to name); 0 if unknown.
    std::uintptr_t origin() const noexcept;
    /// Whether the directory cache keeps this operation's results (expensive
    /// operations); cheap ones are rebuilt from their parents in microseconds.
    bool stored_on_disk() const noexcept;
    const detail::Node& node() const noexcept { return *m_node; }

    /// Same geometry and key, with a name the tools can refer to.
    Shape named(std::string name) const;
    /// Same geometry and key, always computed (never taken from the memory or
    /// directory cache) and its new result stored: Hamilton's RECOMPUTE.
    /// Every node built on it is recomputed too (their cached results derive
    /// from its). The command line's `--recompute NAME` does the same to a
    /// named node.
    Shape recompute() const;
    /// Same geometry and key, never read from or written to the directory
    /// cache (memory only): Hamilton's DISABLE, for a result not worth a file.
    Shape uncached() const;
    /// Same geometry, with a key made from `label` alone (not from how it is
    /// built, nor from lazycad's or OCCT's version): the user vouches that the
    /// result is the same, so a refactor or an upgrade keeps the cached
    /// result. The label is global to the cache folder. When the node's own
    /// subtree changes, each run warns that the pin kept the old result.
    /// Throws Error if `label` is empty.
    Shape pin(std::string label) const;
    /// The label given by pin(), or empty.
    const std::string& pin_label() const noexcept;
    /// Whether every evaluation computes this node: recompute() was called on
    /// it or on a node it is built on.
    bool recomputes() const noexcept;
    /// This difference, intersection or hole, allowed to come out empty (a cut
    /// that removes everything, shapes that do not overlap, a hole wider than
    /// the part); without it an empty result is an Error. Part of the key.
    /// Throws Error for any other operation.
    Shape allow_empty() const;

    // --- transforms (millimetres; throw Error on NaN/inf) ----------------------
    Shape translate(double x, double y, double z) const;
    Shape translate(Vec v) const { return translate(v.x, v.y, v.z); }
    Shape up(double d) const;
    Shape down(double d) const;
    Shape left(double d) const;
    Shape right(double d) const;
    Shape forw(double d) const;
    Shape back(double d) const;
    Shape rotate_x(Angle a) const;
    Shape rotate_y(Angle a) const;
    Shape rotate_z(Angle a) const;
    /// Rotation about the axis through `origin` along `direction`.
    Shape rotate(Point origin, Vec direction, Angle a) const;
    /// Mirror image through `plane` (Plane::XY, XZ, YZ or any other, plane.hpp).
    Shape mirror(const Plane& plane) const;
    /// Uniform scale about the origin; `factor` > 0.
    Shape scale(double factor) const;

    // --- features (kernel/src/ops/features*.cpp) -------------------------------
    /// Round the selected edges of a solid with radius `r` > 0.
    Shape fillet(double r, const EdgeSelector& which = edges::all()) const;
    /// Bevel the selected edges of a solid with distance `d` > 0.
    Shape chamfer(double d, const EdgeSelector& which = edges::all()) const;
    /// Round the corners of a planar face (2D fillet) with radius `r` > 0.
    Shape fillet2d(double r) const;
    /// Hollow a solid to wall `thickness`, opening the selected faces.
    /// Positive thickness keeps the outer skin and puts the wall inside it;
    /// negative keeps the inner skin and grows the wall outwards (CadQuery's
    /// `shell(-t)` is our `shell(t)`). `join` says how the outward walls of a
    /// negative thickness meet at edges: sharp (`intersection`) or rounded
    /// with radius |thickness| (`arc`).
    Shape shell(double thickness, const FaceSelector& open = faces::top(),
                Join join = Join::intersection) const;
    /// Offset every face of a solid by `distance` (negative shrinks). Where
    /// a growing offset leaves gaps at edges and corners, `arc` fills them
    /// with rounds of radius `distance` (the default), `intersection`
    /// extends the faces until they meet (a box stays a box).
    Shape offset(double distance, Join join = Join::arc) const;

    // --- from 2D (kernel/src/ops/sweeps.cpp) -----------------------------------
    /// Extrude a face or wire along +Z by `height` > 0.
    Shape extrude(double height) const;
    /// Extrude a face along +Z by `height` > 0 with its sides drafted by `draft`
    /// (0 <= draft < 90°), narrowing towards the top (a square of side a ends
    /// with side a - 2·height·tan(draft)). `draft` = 0 is extrude(height).
    /// Throws Error (op "extrude", parameter "draft") outside [0°, 90°), and
    /// when evaluated if the profile is not a face or the sides meet below
    /// the top.
    Shape extrude(double height, Angle draft) const;
    /// Revolve a face about an axis through the origin by `angle` (0 < a <= 360°).
    Shape revolve(Angle angle = deg(360), Axis axis = Axis::Z) const;

private:
    friend struct detail::Node; // iterative teardown of deep chains (~Node)
    std::shared_ptr<const detail::Node> m_node;
};

/// Union (fuse), difference (cut) and intersection (common).
Shape operator+(const Shape& a, const Shape& b);
Shape operator-(const Shape& a, const Shape& b);
Shape operator^(const Shape& a, const Shape& b);
/// N-ary union in one boolean; throws Error if `shapes` is empty.
Shape union_all(const std::vector<Shape>& shapes);

/// Which part of a split to keep: the side the plane's normal points to
/// (`above`), the other side (`below`), or `both` (a compound of the two).
enum class Keep { above, below, both };
/// `shape` cut by the plane through `origin` (mm) perpendicular to `normal`
/// (any non-zero length). Throws Error (op "split") naming "origin" or
/// "normal" when they are not finite or the normal is zero, and, when
/// evaluated, naming "origin" when a side kept is empty (the plane misses
/// the shape).
Shape split(const Shape& shape, Point origin, Vec normal, Keep keep = Keep::above);

// --- solids (kernel/src/ops/primitives.cpp) -------------------------------------
/// Box with a corner at the origin, or centred on it if `center`.
Shape box(double x, double y, double z, bool center = false);
Shape sphere(double r);
/// Cylinder along +Z from z = 0, or centred on the origin if `center`.
Shape cylinder(double r, double h, bool center = false);
/// Cone along +Z with radius r1 at z = 0 and r2 at z = h (one may be 0).
Shape cone(double r1, double r2, double h, bool center = false);
/// Torus in the XY plane: major radius r1 > minor radius r2 > 0.
Shape torus(double r1, double r2);
/// Wedge: a box whose top face (at z = z) spans x from xmin to xmax (zencad/BRepPrimAPI).
Shape wedge(double x, double y, double z, double ltx);

} // namespace lazycad
