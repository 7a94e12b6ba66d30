#include "geometry/offset_check.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include <BRepAdaptor_Curve.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeVertex.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <Geom_Surface.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Vertex.hxx>
#include <fmt/format.h>

#include "ops/checks.hpp"

namespace lazycad::detail {

namespace {

struct Reference {
    TopoDS_Face face;
    Bnd_Box box;
};

/// The faces of `result` the offset made: not faces of `body`, and not on
/// the surface of an open face (the rims where the wall meets an opening).
std::vector<TopoDS_Face> new_faces(const TopoDS_Shape& body, const TopTools_ListOfShape& open,
                                   const TopoDS_Shape& result) {
    TopTools_IndexedMapOfShape old;
    TopExp::MapShapes(body, TopAbs_FACE, old);
    std::vector<Handle(Geom_Surface)> rims;
    for (const TopoDS_Shape& f : open) rims.push_back(BRep_Tool::Surface(TopoDS::Face(f)));
    std::vector<TopoDS_Face> made;
    for (TopExp_Explorer e(result, TopAbs_FACE); e.More(); e.Next()) {
        const TopoDS_Face& f = TopoDS::Face(e.Current());
        if (old.Contains(f)) continue;
        const Handle(Geom_Surface) s = BRep_Tool::Surface(f);
        if (std::find(rims.begin(), rims.end(), s) != rims.end()) continue;
        made.push_back(f);
    }
    return made;
}

/// The distance from `p` to the nearest reference face, looking only at
/// faces whose box is nearer than `reach` (farther ones cannot matter).
double distance_to(const gp_Pnt& p, const std::vector<Reference>& refs, double reach) {
    double best = std::numeric_limits<double>::infinity();
    const TopoDS_Vertex v = BRepBuilderAPI_MakeVertex(p).Vertex();
    Bnd_Box at;
    at.Add(p);
    for (const Reference& r : refs) {
        if (r.box.Distance(at) > std::min(reach, best)) continue;
        BRepExtrema_DistShapeShape d(v, r.face);
        if (d.IsDone()) best = std::min(best, d.Value());
    }
    return best;
}

} // namespace

void check_offset_wall(const TopoDS_Shape& body, const TopTools_ListOfShape& open,
                       const TopoDS_Shape& result, OffsetWall wall, const std::string& op,
                       const char* param) {
    TopTools_IndexedMapOfShape opened;
    for (const TopoDS_Shape& f : open) opened.Add(f);
    std::vector<Reference> refs;
    for (TopExp_Explorer e(body, TopAbs_FACE); e.More(); e.Next()) {
        if (opened.Contains(e.Current())) continue;
        Reference r{TopoDS::Face(e.Current()), {}};
        BRepBndLib::Add(r.face, r.box);
        refs.push_back(r);
    }
    TopTools_IndexedMapOfShape edges;
    for (const TopoDS_Face& f : new_faces(body, open, result))
        TopExp::MapShapes(f, TopAbs_EDGE, edges);
    // Looking a little past the distance is enough: a face farther than that
    // cannot make a point too close, and in exact mode none is farther.
    const double reach = 2 * wall.distance;
    for (int i = 1; i <= edges.Extent(); ++i) {
        const TopoDS_Edge& edge = TopoDS::Edge(edges(i));
        if (BRep_Tool::Degenerated(edge)) continue;
        // Relative slack for the distance computation, and the edge's own
        // tolerance: the offset is built to 1e-6, a wrong trim is off by
        // 1e-4 of the thickness or more.
        const double slack = std::max(1e-5 * wall.distance, 2 * BRep_Tool::Tolerance(edge));
        const BRepAdaptor_Curve c(edge);
        for (double at : {0.0, 1.0 / 3, 2.0 / 3}) {
            const gp_Pnt p =
                c.Value(c.FirstParameter() + at * (c.LastParameter() - c.FirstParameter()));
            const double d = distance_to(p, refs, reach);
            const bool thin = d < wall.distance - slack;
            if (!thin && !(wall.exact && d > wall.distance + slack)) continue;
            fail(op, param,
                 fmt::format("OCCT built a wrong wall: at ({:.4g}, {:.4g}, {:.4g}) it is {:.6g} "
                             "from the solid's faces instead of {} (an offset face was trimmed "
                             "at the wrong place). Refused rather than returned wrong; fewer, "
                             "smoother faces (a spline rather than a many-segment polyline) "
                             "usually work",
                             p.X(), p.Y(), p.Z(), d, wall.distance));
        }
    }
}

} // namespace lazycad::detail
