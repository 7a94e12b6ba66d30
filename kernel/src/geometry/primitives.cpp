// Solid primitives (argument checks, versions and costs: ops/primitives.cpp).

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCone.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <BRepPrimAPI_MakeTorus.hxx>
#include <BRepPrimAPI_MakeWedge.hxx>
#include <gp_Ax2.hxx>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

namespace {

gp_Ax2 base_axis(double z) { return gp_Ax2(gp_Pnt(0, 0, z), gp::DZ()); }

const Compute box_compute{"box", [](const OpContext& c) {
    double x = c.num("x"), y = c.num("y"), z = c.num("z");
    gp_Pnt corner = c.flag("center") ? gp_Pnt(-x / 2, -y / 2, -z / 2) : gp_Pnt(0, 0, 0);
    BRepPrimAPI_MakeBox b(corner, x, y, z);
    return built(b, c.op());
}};

const Compute sphere_compute{"sphere", [](const OpContext& c) {
    BRepPrimAPI_MakeSphere b(c.num("r"));
    return built(b, c.op());
}};

const Compute cylinder_compute{"cylinder", [](const OpContext& c) {
    double h = c.num("h");
    BRepPrimAPI_MakeCylinder b(base_axis(c.flag("center") ? -h / 2 : 0), c.num("r"), h);
    return built(b, c.op());
}};

const Compute cone_compute{"cone", [](const OpContext& c) {
    double h = c.num("h");
    BRepPrimAPI_MakeCone b(base_axis(c.flag("center") ? -h / 2 : 0), c.num("r1"), c.num("r2"), h);
    return built(b, c.op());
}};

const Compute torus_compute{"torus", [](const OpContext& c) {
    BRepPrimAPI_MakeTorus b(c.num("r1"), c.num("r2"));
    return built(b, c.op());
}};

const Compute wedge_compute{"wedge", [](const OpContext& c) {
    BRepPrimAPI_MakeWedge b(c.num("x"), c.num("y"), c.num("z"), c.num("ltx"));
    return built(b, c.op());
}};

} // namespace

} // namespace lazycad::detail
