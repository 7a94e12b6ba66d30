// Solid primitives. Cheap to build, so they are kept in memory only.

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepPrimAPI_MakeTorus.hxx>
#include <BRepPrimAPI_MakeWedge.hxx>
#include <gp_Ax2.hxx>

#include "graph/node.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

namespace {

gp_Ax2 base_axis(double z) { return gp_Ax2(gp_Pnt(0, 0, z), gp::DZ()); }

const OpDef box_op{"box", 1, Cost::cheap, false, [](const OpContext& c) {
    double x = c.num("x"), y = c.num("y"), z = c.num("z");
    gp_Pnt corner = c.flag("center") ? gp_Pnt(-x / 2, -y / 2, -z / 2) : gp_Pnt(0, 0, 0);
    BRepPrimAPI_MakeBox b(corner, x, y, z);
    return built(b, c.op());
}};

const OpDef sphere_op{"sphere", 1, Cost::cheap, false, [](const OpContext& c) {
    BRepPrimAPI_MakeSphere b(c.num("r"));
    return built(b, c.op());
}};

const OpDef cylinder_op{"cylinder", 1, Cost::cheap, false, [](const OpContext& c) {
    double h = c.num("h");
    BRepPrimAPI_MakeCylinder b(base_axis(c.flag("center") ? -h / 2 : 0), c.num("r"), h);
    return built(b, c.op());
}};

const OpDef cone_op{"cone", 1, Cost::cheap, false, [](const OpContext& c) {
    double h = c.num("h");
    BRepPrimAPI_MakeCone b(base_axis(c.flag("center") ? -h / 2 : 0), c.num("r1"), c.num("r2"), h);
    return built(b, c.op());
}};

const OpDef torus_op{"torus", 1, Cost::cheap, false, [](const OpContext& c) {
    BRepPrimAPI_MakeTorus b(c.num("r1"), c.num("r2"));
    return built(b, c.op());
}};

const OpDef wedge_op{"wedge", 1, Cost::cheap, false, [](const OpContext& c) {
    BRepPrimAPI_MakeWedge b(c.num("x"), c.num("y"), c.num("z"), c.num("ltx"));
    return built(b, c.op());
}};

} // namespace

Shape box(double x, double y, double z, bool center) {
    require_positive("box", "x", x);
    require_positive("box", "y", y);
    require_positive("box", "z", z);
    return make_node(box_op, {{"x", x}, {"y", y}, {"z", z}, {"center", center}});
}

Shape sphere(double r) {
    require_positive("sphere", "r", r);
    return make_node(sphere_op, {{"r", r}});
}

Shape cylinder(double r, double h, bool center) {
    require_positive("cylinder", "r", r);
    require_positive("cylinder", "h", h);
    return make_node(cylinder_op, {{"r", r}, {"h", h}, {"center", center}});
}

Shape cone(double r1, double r2, double h, bool center) {
    require_non_negative("cone", "r1", r1);
    require_non_negative("cone", "r2", r2);
    require(r1 != r2, "cone", "r2", "must differ from r1 (use cylinder for equal radii)");
    require_positive("cone", "h", h);
    return make_node(cone_op, {{"r1", r1}, {"r2", r2}, {"h", h}, {"center", center}});
}

Shape torus(double r1, double r2) {
    require_positive("torus", "r1", r1);
    require_positive("torus", "r2", r2);
    require(r2 < r1, "torus", "r2", "must be smaller than r1 (a self-intersecting torus)");
    return make_node(torus_op, {{"r1", r1}, {"r2", r2}});
}

Shape wedge(double x, double y, double z, double ltx) {
    require_positive("wedge", "x", x);
    require_positive("wedge", "y", y);
    require_positive("wedge", "z", z);
    require_non_negative("wedge", "ltx", ltx);
    return make_node(wedge_op, {{"x", x}, {"y", y}, {"z", z}, {"ltx", ltx}});
}

} // namespace lazycad
