// Edges and wires: segments, arcs, polylines with rounded corners, and wires
// joined from parts. Paths for sweeps and pipes are built from these.

#include <cmath>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <GeomAPI_Interpolate.hxx>
#include <Geom_BezierCurve.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TColgp_HArray1OfPnt.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TopoDS.hxx>
#include <gp_Circ.hxx>
#include <gp_Vec.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "ops/wire.hpp"
#include "params/wire.hpp"

namespace lazycad::detail {

namespace {

TopoDS_Shape edge_between(gp_Pnt a, gp_Pnt b, const std::string& op) {
    BRepBuilderAPI_MakeEdge e(a, b);
    return built(e, op);
}

TopoDS_Shape arc_through(gp_Pnt a, gp_Pnt m, gp_Pnt b, const std::string& op) {
    GC_MakeArcOfCircle arc(a, m, b);
    if (!arc.IsDone()) throw Error(op, "", op + ": OCCT could not build the arc");
    BRepBuilderAPI_MakeEdge e(arc.Value());
    return built(e, op);
}

const Compute segment_compute{params::segment::op, [](const OpContext& c) {
    return edge_between(pnt(c[params::segment::a]), pnt(c[params::segment::b]), c.op());
}};

/// Both forms of arc(): through three points, or by centre, radius and angles.
const Compute arc_compute{params::arc::op, [](const OpContext& c) {
    namespace p = params::arc;
    if (!c.has(p::center.name))
        return arc_through(pnt(c[p::a]), pnt(c[p::b]), pnt(c[p::c]), c.op());
    gp_Circ circ(gp_Ax2(pnt(c[p::center]), gp::DZ(), gp::DX()), c[p::r]);
    BRepBuilderAPI_MakeEdge e(circ, c[p::start].radians(), c[p::end].radians());
    return built(e, c.op());
}};

const Compute spline_compute{params::spline::op, [](const OpContext& c) {
    const ValueList& pts = c[params::spline::points];
    Handle(TColgp_HArray1OfPnt) poles = new TColgp_HArray1OfPnt(1, int(pts.size()));
    for (std::size_t i = 0; i < pts.size(); ++i) poles->SetValue(int(i) + 1, pnt(pts[i].as<Point>()));
    GeomAPI_Interpolate interpolate(poles, c[params::spline::closed], 1e-7);
    if (c.has(params::spline::start_tangent.name)) {
        Vec a = c[params::spline::start_tangent], b = c[params::spline::end_tangent];
        interpolate.Load(gp_Vec(a.x, a.y, a.z), gp_Vec(b.x, b.y, b.z));
    }
    interpolate.Perform();
    if (!interpolate.IsDone())
        throw Error(c.op(), "points", c.op() + ": parameter 'points': OCCT could not interpolate them");
    BRepBuilderAPI_MakeEdge e(interpolate.Curve());
    return built(e, c.op());
}};

const Compute bezier_compute{params::bezier::op, [](const OpContext& c) {
    const ValueList& pts = c[params::bezier::points];
    TColgp_Array1OfPnt poles(1, int(pts.size()));
    for (std::size_t i = 0; i < pts.size(); ++i) poles.SetValue(int(i) + 1, pnt(pts[i].as<Point>()));
    BRepBuilderAPI_MakeEdge e(Handle(Geom_BezierCurve)(new Geom_BezierCurve(poles)));
    return built(e, c.op());
}};

const Compute polyline_compute{params::polyline::op, [](const OpContext& c) {
    std::vector<Point> pts;
    for (const Value& v : c[params::polyline::points]) pts.push_back(v.as<Point>());
    double r = c[params::polyline::corner_radius];
    bool closed = c[params::polyline::closed];
    std::size_t n = pts.size();
    auto corner = [&](std::size_t i) { return closed || (i > 0 && i + 1 < n); };
    // Tangent points of each rounded corner: (in, out); equal to the corner if sharp.
    std::vector<gp_Pnt> in(n), out(n);
    std::vector<bool> rounded(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        in[i] = out[i] = pnt(pts[i]);
        if (!corner(i)) continue;
        Point a = pts[(i + n - 1) % n], p = pts[i], b = pts[(i + 1) % n];
        double t = rounding_setback(a, p, b, r);
        if (t == 0) continue;
        gp_Vec u(pnt(p), pnt(a)), v(pnt(p), pnt(b));
        u.Normalize();
        v.Normalize();
        in[i] = pnt(p).Translated(u * t);
        out[i] = pnt(p).Translated(v * t);
        rounded[i] = true;
    }
    BRepBuilderAPI_MakeWire wire;
    auto add = [&](const TopoDS_Shape& e) {
        wire.Add(TopoDS::Edge(e));
        if (!wire.IsDone())
            throw Error(c.op(), "points", c.op() + ": OCCT could not join the edges");
    };
    std::size_t legs = closed ? n : n - 1;
    for (std::size_t i = 0; i < legs; ++i) {
        std::size_t j = (i + 1) % n;
        if (out[i].Distance(in[j]) > 1e-9) add(edge_between(out[i], in[j], c.op()));
        if (rounded[j]) {
            // The arc's middle point lies on the bisector, r from its centre.
            gp_Pnt p = pnt(pts[j]);
            gp_Vec u(p, in[j]), v(p, out[j]);
            gp_Vec bisector = u.Normalized() + v.Normalized();
            bisector.Normalize();
            double half = gp_Vec(p, in[j]).Angle(gp_Vec(p, out[j])) / 2;
            gp_Pnt center = p.Translated(bisector * (r / std::sin(half)));
            gp_Pnt middle = center.Translated(bisector.Reversed() * r);
            add(arc_through(in[j], middle, out[j], c.op()));
        }
    }
    return wire.Shape();
}};

const Compute wire_compute{params::wire::op, [](const OpContext& c) {
    BRepBuilderAPI_MakeWire wire;
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
        const TopoDS_Shape& s = c.inputs[i];
        if (s.ShapeType() == TopAbs_EDGE) wire.Add(TopoDS::Edge(s));
        else if (s.ShapeType() == TopAbs_WIRE) wire.Add(TopoDS::Wire(s));
        else fail(c.op(), "parts", fmt::format("part {} is not an edge or a wire", i));
        if (!wire.IsDone())
            fail(c.op(), "parts", fmt::format("part {} does not connect to the previous ones", i));
    }
    return wire.Shape();
}};

} // namespace

} // namespace lazycad::detail
