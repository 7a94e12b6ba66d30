#pragma once
// Lazy edge and face selections. A selection is a small predicate tree held as a
// Value, so it is part of the key of the feature that uses it, and it picks
// topology by geometry (near a point, parallel to an axis, on the top face, by
// curve type, by position, size or rank along an axis), never by bare index
// into OCCT's order, so it survives unrelated edits.
//
//     part.fillet(1, edges::circles().group_by(Axis::Z).last());   // the top ring
//     part.fillet(1, edges::all().sort_by(Size::length).first());  // the shortest edge
//     (plate - hole).fillet(0.5, edges::created());                // what the cut made

#include <cstdint>
#include <utility>

#include "geometry.hpp"
#include "value.hpp"

namespace lazycad {

/// A size to filter, sort or group by: an edge's length, the radius of a
/// circular edge (or arc) or of a cylindrical or spherical face, a face's
/// area. Edges or faces without that size (a straight edge has no radius)
/// are left out of the sort or filter.
enum class Size { length, radius, area };

/// The kind of curve under an edge (edges::of_type).
enum class CurveType { line, circle, ellipse, bspline, bezier, other };
/// The kind of surface under a face (faces::of_type).
enum class SurfaceType { plane, cylinder, cone, sphere, torus, bspline, other };

/// A selection put in order (sort_by) or cut into groups of equal value
/// (group_by), from which one element or group is picked. Positions along an
/// axis are those of the edge's or face's centre of mass; equal values (within
/// 1e-7 of the shape's size) keep a fixed order, so the key still determines
/// the result. An index out of range selects nothing (an Error when used).
template <class Selector> class Ordered {
public:
    Ordered(const char* kind, Value base, Value by)
        : m_kind(kind), m_base(std::move(base)), m_by(std::move(by)) {}
    /// The i-th element (group), 0-based; negative counts from the end (-1 = last).
    Selector nth(int i) const {
        return Selector(Value(ValueList{m_kind, m_base, m_by, std::int64_t(i)}));
    }
    Selector first() const { return nth(0); }
    Selector last() const { return nth(-1); }

private:
    const char* m_kind;
    Value m_base, m_by;
};

class FaceSelector;

class EdgeSelector {
public:
    explicit EdgeSelector(Value expr) : m_expr(std::move(expr)) {}
    const Value& expr() const noexcept { return m_expr; }

    EdgeSelector operator&(const EdgeSelector& o) const;
    EdgeSelector operator|(const EdgeSelector& o) const;
    EdgeSelector operator!() const;

    /// These edges in increasing order of their centre's coordinate along
    /// `axis`, or of `size` (length or radius; Error("selection", "by") for area).
    Ordered<EdgeSelector> sort_by(Axis axis) const;
    Ordered<EdgeSelector> sort_by(Size size) const;
    /// These edges in groups of equal centre coordinate along `axis` (or equal
    /// size), in increasing order: `edges::all().group_by(Axis::Z).last()` is
    /// every edge at the top (CadQuery's `.edges(">Z")`).
    Ordered<EdgeSelector> group_by(Axis axis) const;
    Ordered<EdgeSelector> group_by(Size size) const;

private:
    Value m_expr;
};

class FaceSelector {
public:
    explicit FaceSelector(Value expr) : m_expr(std::move(expr)) {}
    const Value& expr() const noexcept { return m_expr; }

    FaceSelector operator&(const FaceSelector& o) const;
    FaceSelector operator|(const FaceSelector& o) const;
    FaceSelector operator!() const;

    /// As EdgeSelector's, by centre along `axis` or by area or radius
    /// (Error("selection", "by") for length).
    Ordered<FaceSelector> sort_by(Axis axis) const;
    Ordered<FaceSelector> sort_by(Size size) const;
    Ordered<FaceSelector> group_by(Axis axis) const;
    Ordered<FaceSelector> group_by(Size size) const;

private:
    Value m_expr;
};

namespace edges {
EdgeSelector all();
/// The one edge nearest to `p` (zencad's `near_edge`).
EdgeSelector near(Point p);
/// Straight edges parallel to `axis`.
EdgeSelector parallel_to(Axis axis);
/// Edges bounding the faces that `faces` selects.
EdgeSelector of_face(const FaceSelector& faces);
EdgeSelector circles();
EdgeSelector lines();
EdgeSelector of_type(CurveType type);
/// Edges whose centre of mass lies between `lo` and `hi` (mm, inclusive)
/// along `axis` (build123d's `filter_by_position`). Throws Error("selection",
/// "lo") unless lo <= hi and both are finite.
EdgeSelector between(Axis axis, double lo, double hi);
/// Edges of length in [lo, hi] mm; circular edges of radius in [lo, hi] mm.
EdgeSelector length_between(double lo, double hi);
EdgeSelector radius_between(double lo, double hi);
/// Circular edges of radius `r` (within 1e-7 of the shape's size).
EdgeSelector with_radius(double r);
/// The edges that the operation which made this shape created: edges of the
/// shape that lie on no edge of that operation's inputs (build123d's
/// `new_edges`), e.g. the rims a cut leaves. An edge that is a trimmed piece
/// of an input's edge is not new. The feature using it also takes those
/// inputs as parents (their keys are already in the shape's).
EdgeSelector created();
} // namespace edges

namespace faces {
FaceSelector all();
/// Faces whose centre is highest / lowest along Z (CadQuery's ">Z" / "<Z").
FaceSelector top();
FaceSelector bottom();
/// The one face nearest to `p`.
FaceSelector near(Point p);
/// Planar faces whose normal is parallel to `axis` (either direction).
FaceSelector normal_to(Axis axis);
FaceSelector planes();
FaceSelector of_type(SurfaceType type);
/// Faces whose centre of mass lies between `lo` and `hi` along `axis`.
FaceSelector between(Axis axis, double lo, double hi);
/// Faces of area in [lo, hi] mm²; cylindrical or spherical faces of radius in [lo, hi] mm.
FaceSelector area_between(double lo, double hi);
FaceSelector radius_between(double lo, double hi);
} // namespace faces

} // namespace lazycad
