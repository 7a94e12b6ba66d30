// Rigid transforms move the shape's location (no copy); mirror and scale
// rebuild geometry, since OCCT 7.6 forbids them in a TopLoc_Location.

#include <BRepBuilderAPI_Transform.hxx>
#include <TopLoc_Location.hxx>
#include <gp_Ax1.hxx>
#include <gp_Ax2.hxx>
#include <gp_Trsf.hxx>

#include "geometry/compute.hpp"
#include "geometry/moved.hpp"
#include "geometry/results.hpp"
#include "params/transforms.hpp"

namespace lazycad::detail {

TopoDS_Shape moved(const TopoDS_Shape& s, const gp_Trsf& t) {
    return s.Located(TopLoc_Location(t * s.Location().Transformation()));
}

namespace {

gp_Vec to_gp(Vec v) { return gp_Vec(v.x, v.y, v.z); }

const Compute translate_compute{params::translate::op, [](const OpContext& c) {
    gp_Trsf t;
    t.SetTranslation(to_gp(c[params::translate::offset]));
    return moved(c.inputs[0], t);
}};

const Compute rotate_compute{params::rotate::op, [](const OpContext& c) {
    Point o = c[params::rotate::origin];
    Vec d = c[params::rotate::direction];
    gp_Trsf t;
    t.SetRotation(gp_Ax1(gp_Pnt(o.x, o.y, o.z), gp_Dir(d.x, d.y, d.z)), c[params::rotate::angle].radians());
    return moved(c.inputs[0], t);
}};

TopoDS_Shape rebuild(const OpContext& c, const gp_Trsf& t) {
    BRepBuilderAPI_Transform b(c.inputs[0], t, /*copy=*/true);
    check_done(b, c.op());
    return b.Shape();
}

const Compute mirror_compute{params::mirror::op, [](const OpContext& c) {
    const std::string& p = c[params::mirror::plane];
    gp_Dir normal = p == "XY" ? gp::DZ() : p == "YZ" ? gp::DX() : gp::DY();
    gp_Trsf t;
    t.SetMirror(gp_Ax2(gp::Origin(), normal));
    return rebuild(c, t);
}};

const Compute scale_compute{params::scale::op, [](const OpContext& c) {
    gp_Trsf t;
    t.SetScale(gp::Origin(), c[params::scale::factor]);
    return rebuild(c, t);
}};

} // namespace

} // namespace lazycad::detail
