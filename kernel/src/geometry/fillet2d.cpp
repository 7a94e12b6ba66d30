// 2D fillet: round every corner of a planar face (BRepFilletAPI_MakeFillet2d).

#include <BRepAdaptor_Curve.hxx>
#include <BRepFilletAPI_MakeFillet2d.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Geom_Surface.hxx>
#include <TopExp_Explorer.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <gp_Vec.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sketch.hpp"

namespace lazycad::detail {

namespace {

gp_Vec tangent_at(const TopoDS_Edge& e, const TopoDS_Vertex& v) {
    BRepAdaptor_Curve c(e);
    gp_Pnt p;
    gp_Vec d;
    c.D1(BRep_Tool::Parameter(v, e), p, d);
    return d;
}

/// A corner is where two different edges meet at an angle; tangent joins (a
/// circle's seam, a line running into an arc) are already smooth.
bool is_corner(const TopoDS_Vertex& v, const TopTools_ListOfShape& edges) {
    if (edges.Extent() != 2) return false;
    const TopoDS_Edge& a = TopoDS::Edge(edges.First());
    const TopoDS_Edge& b = TopoDS::Edge(edges.Last());
    if (a.IsSame(b)) return false;
    gp_Vec ta = tangent_at(a, v), tb = tangent_at(b, v);
    if (ta.Magnitude() < 1e-12 || tb.Magnitude() < 1e-12) return true;
    return !ta.IsParallel(tb, 1e-7);
}

TopoDS_Face fillet_simple_face(const TopoDS_Face& f, double r, const std::string& op) {
    TopTools_IndexedDataMapOfShapeListOfShape edges_at;
    TopExp::MapShapesAndUniqueAncestors(f, TopAbs_VERTEX, TopAbs_EDGE, edges_at);
    BRepFilletAPI_MakeFillet2d maker(f);
    if (maker.Status() != ChFi2d_Ready)
        fail(op, "shape", "must be a planar face");
    int corners = 0;
    for (int i = 1; i <= edges_at.Extent(); ++i) {
        const TopoDS_Vertex& v = TopoDS::Vertex(edges_at.FindKey(i));
        if (!is_corner(v, edges_at(i))) continue;
        maker.AddFillet(v, r);
        if (maker.Status() != ChFi2d_IsDone) {
            gp_Pnt p = BRep_Tool::Pnt(v);
            fail(op, "r", fmt::format("{} is too large for the corner at ({:.6g}, {:.6g}, {:.6g})",
                                      r, p.X(), p.Y(), p.Z()));
        }
        ++corners;
    }
    if (corners == 0) return f;
    return TopoDS::Face(built(maker, op));
}

/// OCCT 7.6's MakeFillet2d leaves the inner wires of a face with holes
/// disconnected (BRepCheck_NotConnected); so round each boundary as a face of
/// its own and put the holes back into the rounded outer face.
TopoDS_Shape fillet_face(const TopoDS_Face& given, double r, const std::string& op) {
    // Work on the face as its surface sees it, so that the outer wire runs
    // counter-clockwise and the holes clockwise about the surface normal.
    TopoDS_Face f = TopoDS::Face(given.Oriented(TopAbs_FORWARD));
    TopoDS_Wire outer = BRepTools::OuterWire(f);
    std::vector<TopoDS_Wire> holes;
    for (TopExp_Explorer e(f, TopAbs_WIRE); e.More(); e.Next())
        if (!e.Current().IsSame(outer)) holes.push_back(TopoDS::Wire(e.Current()));
    if (holes.empty()) return fillet_simple_face(given, r, op);
    Handle(Geom_Surface) surface = BRep_Tool::Surface(f);
    auto face_inside = [&](const TopoDS_Wire& w) {
        BRepBuilderAPI_MakeFace mk(surface, w, /*Inside=*/true);
        return TopoDS::Face(built(mk, op));
    };
    TopoDS_Face rounded_outer = fillet_simple_face(face_inside(outer), r, op);
    BRepBuilderAPI_MakeFace result(rounded_outer);
    for (const TopoDS_Wire& h : holes) {
        TopoDS_Face hole = fillet_simple_face(face_inside(TopoDS::Wire(h.Reversed())), r, op);
        result.Add(TopoDS::Wire(BRepTools::OuterWire(hole).Reversed()));
    }
    return built(result, op).Oriented(given.Orientation());
}

const Compute fillet2d_compute{params::fillet2d::op, [](const OpContext& c) {
    require_no_solid(c.inputs[0], c.op(), "shape");
    std::vector<TopoDS_Shape> faces;
    for (const TopoDS_Face& f : require_faces(merge_coplanar_faces(c.inputs[0]), c.op(), "shape"))
        faces.push_back(fillet_face(f, c[params::fillet2d::r], c.op()));
    return group_parts(faces);
}};

} // namespace

} // namespace lazycad::detail
