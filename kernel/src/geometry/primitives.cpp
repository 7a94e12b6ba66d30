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
#include "params/primitives.hpp"

namespace lazycad::detail {

namespace {

gp_Ax2 base_axis(double z) { return gp_Ax2(gp_Pnt(0, 0, z), gp::DZ()); }

const Compute box_compute{params::box::op, [](const OpContext& c) {
    double x = c[params::box::x], y = c[params::box::y], z = c[params::box::z];
    gp_Pnt corner = c[params::box::center] ? gp_Pnt(-x / 2, -y / 2, -z / 2) : gp_Pnt(0, 0, 0);
    BRepPrimAPI_MakeBox b(corner, x, y, z);
    return built(b, c.op());
}};

const Compute sphere_compute{params::sphere::op, [](const OpContext& c) {
    BRepPrimAPI_MakeSphere b(c[params::sphere::r]);
    return built(b, c.op());
}};

const Compute cylinder_compute{params::cylinder::op, [](const OpContext& c) {
    double h = c[params::cylinder::h];
    BRepPrimAPI_MakeCylinder b(base_axis(c[params::cylinder::center] ? -h / 2 : 0),
                               c[params::cylinder::r], h);
    return built(b, c.op());
}};

const Compute cone_compute{params::cone::op, [](const OpContext& c) {
    double h = c[params::cone::h];
    BRepPrimAPI_MakeCone b(base_axis(c[params::cone::center] ? -h / 2 : 0), c[params::cone::r1],
                           c[params::cone::r2], h);
    return built(b, c.op());
}};

const Compute torus_compute{params::torus::op, [](const OpContext& c) {
    BRepPrimAPI_MakeTorus b(c[params::torus::r1], c[params::torus::r2]);
    return built(b, c.op());
}};

const Compute wedge_compute{params::wedge::op, [](const OpContext& c) {
    BRepPrimAPI_MakeWedge b(c[params::wedge::x], c[params::wedge::y], c[params::wedge::z],
                            c[params::wedge::ltx]);
    return built(b, c.op());
}};

} // namespace

} // namespace lazycad::detail
