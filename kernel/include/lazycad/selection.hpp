#pragma once
// Lazy edge and face selections. A selection is a small predicate tree held as a
// Value, so it is part of the key of the feature that uses it, and it picks
// topology by geometry (near a point, parallel to an axis, on the top face, by
// curve type), never by bare index, so it survives unrelated edits.

#include <utility>

#include "geometry.hpp"
#include "value.hpp"

namespace lazycad {

class FaceSelector;

class EdgeSelector {
public:
    explicit EdgeSelector(Value expr) : m_expr(std::move(expr)) {}
    const Value& expr() const noexcept { return m_expr; }

    EdgeSelector operator&(const EdgeSelector& o) const;
    EdgeSelector operator|(const EdgeSelector& o) const;
    EdgeSelector operator!() const;

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
} // namespace faces

} // namespace lazycad
