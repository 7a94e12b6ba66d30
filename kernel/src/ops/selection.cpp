// Edge and face selections: building the predicate trees of the public API
// (resolved against an evaluated shape by geometry/selection.cpp).

#include "lazycad/selection.hpp"

namespace lazycad {

namespace {

const char* axis_name(Axis a) { return a == Axis::X ? "X" : a == Axis::Y ? "Y" : "Z"; }

Value node(std::initializer_list<Value> parts) { return Value(ValueList(parts)); }

} // namespace

// --- building selections -------------------------------------------------------

EdgeSelector EdgeSelector::operator&(const EdgeSelector& o) const {
    return EdgeSelector(node({"and", m_expr, o.m_expr}));
}
EdgeSelector EdgeSelector::operator|(const EdgeSelector& o) const {
    return EdgeSelector(node({"or", m_expr, o.m_expr}));
}
EdgeSelector EdgeSelector::operator!() const { return EdgeSelector(node({"not", m_expr})); }

FaceSelector FaceSelector::operator&(const FaceSelector& o) const {
    return FaceSelector(node({"and", m_expr, o.m_expr}));
}
FaceSelector FaceSelector::operator|(const FaceSelector& o) const {
    return FaceSelector(node({"or", m_expr, o.m_expr}));
}
FaceSelector FaceSelector::operator!() const { return FaceSelector(node({"not", m_expr})); }

namespace edges {
EdgeSelector all() { return EdgeSelector(node({"all"})); }
EdgeSelector near(Point p) { return EdgeSelector(node({"near", p})); }
EdgeSelector parallel_to(Axis axis) { return EdgeSelector(node({"parallel_to", axis_name(axis)})); }
EdgeSelector of_face(const FaceSelector& faces) {
    return EdgeSelector(node({"of_face", faces.expr()}));
}
EdgeSelector circles() { return EdgeSelector(node({"circles"})); }
EdgeSelector lines() { return EdgeSelector(node({"lines"})); }
} // namespace edges

namespace faces {
FaceSelector all() { return FaceSelector(node({"all"})); }
FaceSelector top() { return FaceSelector(node({"top"})); }
FaceSelector bottom() { return FaceSelector(node({"bottom"})); }
FaceSelector near(Point p) { return FaceSelector(node({"near", p})); }
FaceSelector normal_to(Axis axis) { return FaceSelector(node({"normal_to", axis_name(axis)})); }
FaceSelector planes() { return FaceSelector(node({"planes"})); }
} // namespace faces

} // namespace lazycad
