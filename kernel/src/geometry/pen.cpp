// The Pen's outline (ops/pen.cpp): lines and three-point arcs in the XY
// plane, joined into a wire, and for a closed outline a face facing +Z.

#include <BRepAdaptor_Surface.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <GC_MakeArcOfCircle.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Face.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/sketch_util.hpp"
#include "params/pen.hpp"

namespace lazycad::detail {

namespace {

gp_Pnt at(Point2 p) { return gp_Pnt(p.x, p.y, 0); }

const Compute pen_compute{params::pen::op, [](const OpContext& c) -> TopoDS_Shape {
    const ValueList& segments = c[params::pen::segments];
    const bool closed = c[params::pen::closed];
    gp_Pnt from = at(c[params::pen::start]);
    BRepBuilderAPI_MakeWire wire;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const ValueList& s = segments[i].as<ValueList>();
        const bool last = i + 1 == segments.size();
        // The closing segment ends exactly where the outline started.
        gp_Pnt to = closed && last ? at(c[params::pen::start]) : at(s.back().as<Point2>());
        TopoDS_Edge edge;
        if (s[0].as<std::string>() == "line") {
            BRepBuilderAPI_MakeEdge e(from, to);
            edge = TopoDS::Edge(built(e, c.op()));
        } else {
            GC_MakeArcOfCircle arc(from, at(s[1].as<Point2>()), to);
            if (!arc.IsDone())
                fail(c.op(), "segments", fmt::format("OCCT could not build arc {}", i));
            BRepBuilderAPI_MakeEdge e(arc.Value());
            edge = TopoDS::Edge(built(e, c.op()));
        }
        wire.Add(edge);
        if (!wire.IsDone())
            fail(c.op(), "segments", fmt::format("segment {} does not join the previous one", i));
        from = to;
    }
    TopoDS_Wire w = wire.Wire();
    if (!closed) return w;
    require_simple(w, c.op(), "segments");
    BRepBuilderAPI_MakeFace f(w, /*OnlyPlane=*/true);
    TopoDS_Face face = TopoDS::Face(built(f, c.op()));
    // Drawn clockwise, the face would face -Z and extrude inside out.
    gp_Dir n = BRepAdaptor_Surface(face).Plane().Axis().Direction();
    if ((face.Orientation() == TopAbs_REVERSED) != (n.Z() < 0)) face.Reverse();
    return face;
}};

} // namespace

} // namespace lazycad::detail
