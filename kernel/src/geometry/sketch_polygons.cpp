// Planar faces bounded by straight edges or a circle.

#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Circ.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "params/sketch.hpp"

namespace lazycad::detail {

namespace {

TopoDS_Shape face_through(const ValueList& pts, const std::string& op) {
    BRepBuilderAPI_MakePolygon poly;
    for (const Value& v : pts) poly.Add(gp_Pnt(v.as<Point2>().x, v.as<Point2>().y, 0));
    poly.Close();
    TopoDS_Wire wire = TopoDS::Wire(built(poly, op));
    BRepBuilderAPI_MakeFace face(wire, /*OnlyPlane=*/true);
    return built(face, op);
}

const Compute polygon_compute{params::polygon::op, [](const OpContext& c) {
    return face_through(c[params::polygon::points], c.op());
}};

const Compute circle_compute{params::circle::op, [](const OpContext& c) {
    BRepBuilderAPI_MakeEdge edge(gp_Circ(gp::XOY(), c[params::circle::r]));
    BRepBuilderAPI_MakeWire wire(TopoDS::Edge(built(edge, c.op())));
    BRepBuilderAPI_MakeFace face(TopoDS::Wire(built(wire, c.op())), true);
    return built(face, c.op());
}};

} // namespace

} // namespace lazycad::detail
