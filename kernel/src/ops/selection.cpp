// Edge and face selections: building the predicate trees of the public API
// (resolved against an evaluated shape by geometry/selection.cpp).

#include "lazycad/selection.hpp"

#include <cmath>

#include "lazycad/shape.hpp"
#include "ops/checks.hpp"
#include "ops/selection.hpp"

namespace lazycad {

namespace {

const char* axis_name(Axis a) { return a == Axis::X ? "X" : a == Axis::Y ? "Y" : "Z"; }

Value node(std::initializer_list<Value> parts) { return Value(ValueList(parts)); }

const char* size_name(Size s) {
    return s == Size::length ? "length" : s == Size::radius ? "radius" : "area";
}

/// `size` as an edge (faces = false) or face measure; edges have no area, faces no length.
Value size_key(Size size, bool faces) {
    if (size == (faces ? Size::length : Size::area))
        detail::fail("selection", "by",
             faces ? "faces have no length (sort or filter them by area or radius)"
                   : "edges have no area (sort or filter them by length or radius)");
    return size_name(size);
}

Value range(const char* what, double lo, double hi) {
    detail::require(std::isfinite(lo) && std::isfinite(hi), "selection", "lo",
            std::string(what) + " bounds must be finite");
    detail::require(lo <= hi, "selection", "lo", std::string(what) + ": lo must not exceed hi");
    return node({lo, hi});
}

const char* curve_name(CurveType t) {
    switch (t) {
    case CurveType::line: return "line";
    case CurveType::circle: return "circle";
    case CurveType::ellipse: return "ellipse";
    case CurveType::bspline: return "bspline";
    case CurveType::bezier: return "bezier";
    default: return "other";
    }
}

const char* surface_name(SurfaceType t) {
    switch (t) {
    case SurfaceType::plane: return "plane";
    case SurfaceType::cylinder: return "cylinder";
    case SurfaceType::cone: return "cone";
    case SurfaceType::sphere: return "sphere";
    case SurfaceType::torus: return "torus";
    case SurfaceType::bspline: return "bspline";
    default: return "other";
    }
}

bool uses_created(const Value& expr) {
    if (!expr.is<ValueList>()) return false;
    const ValueList& l = expr.as<ValueList>();
    if (!l.empty() && l[0].is<std::string>() && l[0].as<std::string>() == "created") return true;
    for (const Value& v : l)
        if (uses_created(v)) return true;
    return false;
}

} // namespace

// --- building selections -------------------------------------------------------

EdgeSelector EdgeSelector::operator&(const EdgeSelector& o) const {
    return EdgeSelector(node({"and", m_expr, o.m_expr}));
}
EdgeSelector EdgeSelector::operator|(const EdgeSelector& o) const {
    return EdgeSelector(node({"or", m_expr, o.m_expr}));
}
EdgeSelector EdgeSelector::operator!() const { return EdgeSelector(node({"not", m_expr})); }
Ordered<EdgeSelector> EdgeSelector::sort_by(Axis axis) const {
    return {"nth", m_expr, axis_name(axis)};
}
Ordered<EdgeSelector> EdgeSelector::sort_by(Size size) const {
    return {"nth", m_expr, size_key(size, false)};
}
Ordered<EdgeSelector> EdgeSelector::group_by(Axis axis) const {
    return {"group", m_expr, axis_name(axis)};
}
Ordered<EdgeSelector> EdgeSelector::group_by(Size size) const {
    return {"group", m_expr, size_key(size, false)};
}

FaceSelector FaceSelector::operator&(const FaceSelector& o) const {
    return FaceSelector(node({"and", m_expr, o.m_expr}));
}
FaceSelector FaceSelector::operator|(const FaceSelector& o) const {
    return FaceSelector(node({"or", m_expr, o.m_expr}));
}
FaceSelector FaceSelector::operator!() const { return FaceSelector(node({"not", m_expr})); }
Ordered<FaceSelector> FaceSelector::sort_by(Axis axis) const {
    return {"nth", m_expr, axis_name(axis)};
}
Ordered<FaceSelector> FaceSelector::sort_by(Size size) const {
    return {"nth", m_expr, size_key(size, true)};
}
Ordered<FaceSelector> FaceSelector::group_by(Axis axis) const {
    return {"group", m_expr, axis_name(axis)};
}
Ordered<FaceSelector> FaceSelector::group_by(Size size) const {
    return {"group", m_expr, size_key(size, true)};
}

namespace edges {
EdgeSelector all() { return EdgeSelector(node({"all"})); }
EdgeSelector near(Point p) { return EdgeSelector(node({"near", p})); }
EdgeSelector parallel_to(Axis axis) { return EdgeSelector(node({"parallel_to", axis_name(axis)})); }
EdgeSelector of_face(const FaceSelector& faces) {
    return EdgeSelector(node({"of_face", faces.expr()}));
}
EdgeSelector circles() { return EdgeSelector(node({"circles"})); }
EdgeSelector lines() { return EdgeSelector(node({"lines"})); }
EdgeSelector of_type(CurveType type) { return EdgeSelector(node({"type", curve_name(type)})); }
EdgeSelector between(Axis axis, double lo, double hi) {
    return EdgeSelector(node({"between", axis_name(axis), range("between", lo, hi)}));
}
EdgeSelector length_between(double lo, double hi) {
    return EdgeSelector(node({"between", "length", range("length_between", lo, hi)}));
}
EdgeSelector radius_between(double lo, double hi) {
    return EdgeSelector(node({"between", "radius", range("radius_between", lo, hi)}));
}
EdgeSelector with_radius(double r) { return radius_between(r, r); }
EdgeSelector created() { return EdgeSelector(node({"created"})); }
} // namespace edges

namespace faces {
FaceSelector all() { return FaceSelector(node({"all"})); }
FaceSelector top() { return FaceSelector(node({"top"})); }
FaceSelector bottom() { return FaceSelector(node({"bottom"})); }
FaceSelector near(Point p) { return FaceSelector(node({"near", p})); }
FaceSelector normal_to(Axis axis) { return FaceSelector(node({"normal_to", axis_name(axis)})); }
FaceSelector planes() { return FaceSelector(node({"planes"})); }
FaceSelector of_type(SurfaceType type) { return FaceSelector(node({"type", surface_name(type)})); }
FaceSelector between(Axis axis, double lo, double hi) {
    return FaceSelector(node({"between", axis_name(axis), range("between", lo, hi)}));
}
FaceSelector area_between(double lo, double hi) {
    return FaceSelector(node({"between", "area", range("area_between", lo, hi)}));
}
FaceSelector radius_between(double lo, double hi) {
    return FaceSelector(node({"between", "radius", range("radius_between", lo, hi)}));
}
} // namespace faces

namespace detail {

std::vector<Shape> with_selection_inputs(const Shape& shape, const Value& selection) {
    std::vector<Shape> parents{shape};
    if (uses_created(selection)) {
        if (shape.parents().empty())
            fail("selection", "edges",
                 "edges::created() needs a shape made by an operation on other shapes (a "
                 "boolean, a feature), not a primitive '" + shape.operation() + "'");
        parents.insert(parents.end(), shape.parents().begin(), shape.parents().end());
    }
    return parents;
}

} // namespace detail

} // namespace lazycad
