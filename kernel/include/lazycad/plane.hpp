#pragma once
// Planes: where a sketch or a feature goes. A Plane is a frame: an origin, a
// normal (its local Z) and an x direction (local X; local Y = normal × x).
// One rule: everything is built in the XY plane, and on(plane, shape) moves it
// so that the world's XY plane lands on `plane` (CadQuery's workplane,
// build123d's `Plane * shape`). A plane from plane_of() is lazy: the face it
// stands on is found when what is built on it is evaluated, and the face's
// selection is part of that result's key.
//
//     Plane top = plane_of(block, faces::top());
//     block = block - on(top, slot(20, 6).extrude(3).down(3));
//     block = hole(block, HoleSpec::through(5), top, grid(2, 2, 40, 20));
//     Shape cup = on(Plane::XZ, Pen({0, 0}).line_to(20, 0).line_to(20, 30).close()).revolve();

#include <vector>

#include "geometry.hpp"
#include "selection.hpp"
#include "shape.hpp"
#include "units.hpp"

namespace lazycad {

struct HoleSpec;

class Plane {
public:
    /// The plane through `origin` perpendicular to `normal` (any non-zero
    /// length), its local x along `x_dir` made perpendicular to the normal.
    /// Throws Error (op "plane") naming "origin", "normal" or "x_dir" (zero,
    /// not finite, or parallel to the normal).
    Plane(Point origin, Vec normal, Vec x_dir);
    /// As above with CadQuery's x direction: world Z × normal, or world X for
    /// a plane facing ±Z. (Walls then have their local y pointing up.)
    Plane(Point origin, Vec normal);

    static const Plane XY; ///< normal +Z, x +X
    static const Plane XZ; ///< normal -Y, x +X, local y = +Z (as CadQuery and build123d)
    static const Plane YZ; ///< normal +X, x +Y, local y = +Z

    /// Moved by `d` mm along its normal (CadQuery's workplane(offset=d)).
    Plane offset(double d) const;
    /// Origin moved by (x, y) in its own coordinates (CadQuery's center(x, y)).
    Plane shifted(double x, double y) const;
    /// Turned about its own x, then y, then z axis through its origin
    /// (CadQuery's Plane.rotated((x, y, z))).
    Plane rotated(Angle about_x, Angle about_y = deg(0), Angle about_z = deg(0)) const;
    /// The same plane facing the other way (normal and local y reversed).
    Plane flipped() const;

    /// The frame, in world coordinates, or for a plane of a face (on_face())
    /// relative to the face's frame (see plane_of()).
    Point origin() const noexcept { return m_origin; }
    Vec normal() const noexcept { return m_normal; }
    Vec x_dir() const noexcept { return m_x; }
    Vec y_dir() const noexcept;
    /// Local (x, y, z) in the frame's parent coordinates (world, or the face's).
    Point at(double x, double y, double z = 0) const noexcept;

    /// Whether the plane stands on a face selected by plane_of().
    bool on_face() const noexcept { return !m_face.empty(); }
    /// The lazy face node (op "plane_of") it stands on; the empty Shape otherwise.
    const Shape& face() const noexcept { return m_face; }

    /// Whether the frame is the world's (a plane equal to XY, not on a face).
    bool is_world() const noexcept;

private:
    friend Plane plane_of(const Shape&, const FaceSelector&);
    Plane() = default;
    Plane shifted_to(Point origin) const;
    Point m_origin;
    Vec m_normal{0, 0, 1};
    Vec m_x{1, 0, 0};
    Shape m_face;
};

inline const Plane Plane::XY{{0, 0, 0}, {0, 0, 1}, {1, 0, 0}};
inline const Plane Plane::XZ{{0, 0, 0}, {0, -1, 0}, {1, 0, 0}};
inline const Plane Plane::YZ{{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};

/// The plane of the one planar face of `shape` that `face` selects (CadQuery's
/// `.faces(">Z").workplane(centerOption="CenterOfMass")`, build123d's
/// `Plane(face)`): origin at the face's centre of mass, normal pointing out of
/// the solid, x direction by the rule of Plane(origin, normal). Lazy: nothing is
/// evaluated here. What is built on it throws Error (op "plane_of", parameter
/// "face") when evaluated if the selection is not exactly one planar face.
Plane plane_of(const Shape& shape, const FaceSelector& face);

/// `shape`, built in the XY plane, moved so that the XY plane lands on `plane`
/// (a rigid move, op "place"). `on(Plane::XY, s)` is `s` itself.
Shape on(const Plane& plane, const Shape& shape);
/// The inverse: `shape` in the coordinates of `plane` (`plane` lands on XY).
/// `on(p, relative_to(p, s))` is `s` moved there and back.
Shape relative_to(const Plane& plane, const Shape& shape);

/// Drill `spec` into `body` at each of the points `at` of `plane` (its local x,
/// y), along the plane's -normal: into the face a plane_of() stands on. Throws
/// Error ("hole", parameter) as hole() does, and for an empty `at`.
Shape hole(const Shape& body, const HoleSpec& spec, const Plane& plane,
           const std::vector<Point2>& at);

} // namespace lazycad
