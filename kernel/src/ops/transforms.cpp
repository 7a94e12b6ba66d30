// Rigid transforms move the shape's location (no copy); mirror and scale
// rebuild geometry, since OCCT 7.6 forbids them in a TopLoc_Location.

#include <BRepBuilderAPI_Transform.hxx>
#include <TopLoc_Location.hxx>
#include <gp_Ax1.hxx>
#include <gp_Ax2.hxx>
#include <gp_Trsf.hxx>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

gp_Vec to_gp(Vec v) { return gp_Vec(v.x, v.y, v.z); }

/// `s` moved by `t`, with its location collapsed into one transformation.
/// TopoDS_Shape::Moved (OCCT 7.6) appends to a linked list of locations, so a
/// chain of 2000 translates made a 2000-long list that every later traversal
/// (booleans, volume, export) walks and reallocates: seconds instead of ms.
TopoDS_Shape moved(const TopoDS_Shape& s, const gp_Trsf& t) {
    return s.Located(TopLoc_Location(t * s.Location().Transformation()));
}

const OpDef translate_op{"translate", 1, Cost::cheap, false, [](const OpContext& c) {
    gp_Trsf t;
    t.SetTranslation(to_gp(c.vec("offset")));
    return moved(c.inputs[0], t);
}};

const OpDef rotate_op{"rotate", 1, Cost::cheap, false, [](const OpContext& c) {
    Point o = c.point("origin");
    Vec d = c.vec("direction");
    gp_Trsf t;
    t.SetRotation(gp_Ax1(gp_Pnt(o.x, o.y, o.z), gp_Dir(d.x, d.y, d.z)), c.angle("angle").radians());
    return moved(c.inputs[0], t);
}};

TopoDS_Shape rebuild(const OpContext& c, const gp_Trsf& t) {
    BRepBuilderAPI_Transform b(c.inputs[0], t, /*copy=*/true);
    check_done(b, c.op());
    return b.Shape();
}

const OpDef mirror_op{"mirror", 1, Cost::cheap, false, [](const OpContext& c) {
    const std::string& p = c.str("plane");
    gp_Dir normal = p == "XY" ? gp::DZ() : p == "YZ" ? gp::DX() : gp::DY();
    gp_Trsf t;
    t.SetMirror(gp_Ax2(gp::Origin(), normal));
    return rebuild(c, t);
}};

const OpDef scale_op{"scale", 1, Cost::cheap, false, [](const OpContext& c) {
    gp_Trsf t;
    t.SetScale(gp::Origin(), c.num("factor"));
    return rebuild(c, t);
}};

Shape rotate_about(const Shape& s, Point origin, Vec dir, Angle a) {
    return make_node(rotate_op, {{"origin", origin}, {"direction", dir}, {"angle", a}}, {s});
}

} // namespace

Shape Shape::translate(double x, double y, double z) const {
    return make_node(translate_op, {{"offset", Vec{x, y, z}}}, {*this});
}
Shape Shape::up(double d) const { return translate(0, 0, d); }
Shape Shape::down(double d) const { return translate(0, 0, -d); }
Shape Shape::left(double d) const { return translate(-d, 0, 0); }
Shape Shape::right(double d) const { return translate(d, 0, 0); }
Shape Shape::forw(double d) const { return translate(0, d, 0); }
Shape Shape::back(double d) const { return translate(0, -d, 0); }

Shape Shape::rotate_x(Angle a) const { return rotate_about(*this, {}, {1, 0, 0}, a); }
Shape Shape::rotate_y(Angle a) const { return rotate_about(*this, {}, {0, 1, 0}, a); }
Shape Shape::rotate_z(Angle a) const { return rotate_about(*this, {}, {0, 0, 1}, a); }

Shape Shape::rotate(Point origin, Vec direction, Angle a) const {
    double len2 = direction.x * direction.x + direction.y * direction.y + direction.z * direction.z;
    require(len2 > 1e-24, "rotate", "direction", "must not be the zero vector");
    return rotate_about(*this, origin, direction, a);
}

Shape Shape::mirror(Plane plane) const {
    const char* name = plane == Plane::XY ? "XY" : plane == Plane::YZ ? "YZ" : "XZ";
    return make_node(mirror_op, {{"plane", name}}, {*this});
}

Shape Shape::scale(double factor) const {
    require_positive("scale", "factor", factor);
    return make_node(scale_op, {{"factor", factor}}, {*this});
}

} // namespace lazycad
