// fillet(r, edges): round the selected edges of a solid
// (BRepFilletAPI_MakeFillet); failures name 'r' (geometry/blend.hpp).

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepFilletAPI_MakeFillet.hxx>
#include <BRepGProp_Face.hxx>
#include <Bnd_Box.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "geometry/blend.hpp"
#include "geometry/compute.hpp"
#include "geometry/selection_eval.hpp"
#include "params/blend.hpp"

namespace lazycad::detail {

namespace {

/// The straight edge `e` between planar faces `f1` and `f2`: how far from the
/// edge a fillet of radius `r` meets each face (r / tan(a/2), a the angle
/// between the faces on the side the fillet lies, the same for convex and
/// concave edges), and the narrower face's width across the edge. Nothing for
/// curved edges or faces: OCCT and the validity check judge those.
struct Room {
    double setback;
    double width;
};
std::optional<Room> room_for(const TopoDS_Edge& e, const TopoDS_Face& f1, const TopoDS_Face& f2,
                             double r) {
    BRepAdaptor_Curve curve(e);
    if (curve.GetType() != GeomAbs_Line) return std::nullopt;
    const gp_Pnt on_edge = curve.Value(curve.FirstParameter());
    const gp_Dir along = curve.Line().Direction();
    double width = std::numeric_limits<double>::infinity();
    gp_Vec normal[2];
    int i = 0;
    for (const TopoDS_Face& f : {f1, f2}) {
        if (BRepAdaptor_Surface(f, false).GetType() != GeomAbs_Plane) return std::nullopt;
        // Outward normal, the face's orientation included.
        BRepGProp_Face props(f);
        double u0, u1, v0, v1;
        props.Bounds(u0, u1, v0, v1);
        gp_Pnt p;
        props.Normal((u0 + u1) / 2, (v0 + v1) / 2, p, normal[i]);
        if (normal[i].Magnitude() < 1e-12) return std::nullopt;
        normal[i].Normalize();
        // The face's extent across the edge, from its bounding box (generous:
        // only radii that clearly cannot fit are refused here).
        const gp_Vec across = normal[i].Crossed(gp_Vec(along));
        Bnd_Box box;
        BRepBndLib::Add(f, box);
        double x[2], y[2], z[2];
        box.Get(x[0], y[0], z[0], x[1], y[1], z[1]);
        double reach = 0;
        for (double cx : x)
            for (double cy : y)
                for (double cz : z)
                    reach = std::max(reach, std::abs(gp_Vec(on_edge, gp_Pnt(cx, cy, cz)).Dot(across)));
        width = std::min(width, reach - 2 * box.GetGap());
        ++i;
    }
    const double angle = M_PI - normal[0].Angle(normal[1]);
    if (angle < 1e-6 || angle > M_PI - 1e-6) return std::nullopt; // tangent faces
    return Room{r / std::tan(angle / 2), width};
}

/// Before asking OCCT: a fillet must fit on both faces next to each edge.
void check_edges_have_room(const OpContext& c, const std::vector<TopoDS_Edge>& edges) {
    const double r = c[params::fillet::r];
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(c.inputs[0], TopAbs_EDGE, TopAbs_FACE, faces_of);
    for (const TopoDS_Edge& e : edges) {
        const TopTools_ListOfShape& f = faces_of.FindFromKey(e);
        std::optional<Room> room = room_for(e, TopoDS::Face(f.First()), TopoDS::Face(f.Last()), r);
        if (room && room->setback > room->width * (1 + 1e-9))
            blend_too_large(c, params::fillet::r, edges.size(),
                            fmt::format("a fillet of radius {} meets the faces {:.6g} mm from an "
                                        "edge, and a face next to it is only {:.6g} mm wide",
                                        r, room->setback, room->width));
    }
}

const Compute fillet_compute{params::fillet::op, [](const OpContext& c) {
    const double r = c[params::fillet::r];
    std::vector<TopoDS_Edge> edges = select_blend_edges(
        c.inputs[0], c[params::fillet::edges], c.op(), params::fillet::edges.name,
        std::vector<TopoDS_Shape>(c.inputs.begin() + 1, c.inputs.end()));
    check_edges_have_room(c, edges);
    BRepFilletAPI_MakeFillet b(c.inputs[0]);
    for (const TopoDS_Edge& e : edges) b.Add(r, e);
    return build_blend(b, c, params::fillet::r, edges.size(), "rounded");
}};

} // namespace

} // namespace lazycad::detail
