#include "geometry/sketch_util.hpp"

#include <cmath>
#include <limits>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLProp_CLProps.hxx>
#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <Message_ProgressScope.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <BRepLib_FindSurface.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Tool.hxx>
#include <ElSLib.hxx>
#include <TopExp.hxx>
#include <TopoDS_Vertex.hxx>
#include <Geom_Plane.hxx>
#include <gp_Pln.hxx>
#include <gp_Pnt2d.hxx>
#include <ShapeUpgrade_UnifySameDomain.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>

#include "lazycad/evaluate.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

TopoDS_Wire as_wire(const TopoDS_Shape& s, const std::string& op, const char* param) {
    if (s.IsNull()) fail(op, param, "is empty");
    switch (s.ShapeType()) {
    case TopAbs_WIRE: return TopoDS::Wire(s);
    case TopAbs_EDGE: {
        BRepBuilderAPI_MakeWire w(TopoDS::Edge(s));
        return TopoDS::Wire(built(w, op));
    }
    case TopAbs_FACE: return BRepTools::OuterWire(TopoDS::Face(s));
    default: break;
    }
    // A compound: one face, one wire, or edges to be chained in order.
    std::vector<TopoDS_Face> fs = faces_of(s);
    if (fs.size() == 1) return BRepTools::OuterWire(fs.front());
    if (!fs.empty()) fail(op, param, "must be one wire or face (got several faces)");
    int wires = 0;
    TopoDS_Wire only;
    for (TopExp_Explorer e(s, TopAbs_WIRE); e.More(); e.Next(), ++wires) only = TopoDS::Wire(e.Current());
    if (wires == 1) return only;
    BRepBuilderAPI_MakeWire w;
    int edges = 0;
    for (TopExp_Explorer e(s, TopAbs_EDGE); e.More(); e.Next(), ++edges) w.Add(TopoDS::Edge(e.Current()));
    if (edges == 0) fail(op, param, "must be a wire, an edge or a face");
    if (!w.IsDone()) fail(op, param, "has edges that do not connect into one wire");
    return w.Wire();
}

TopoDS_Shape merge_coplanar_faces(const TopoDS_Shape& s) {
    if (faces_of(s).size() < 2 || TopExp_Explorer(s, TopAbs_SHELL).More()) return s;
    ShapeUpgrade_UnifySameDomain unify(s, /*UnifyEdges=*/true, /*UnifyFaces=*/true,
                                       /*ConcatBSplines=*/false);
    unify.Build();
    return unify.Shape();
}

std::vector<TopoDS_Face> faces_of(const TopoDS_Shape& s) {
    std::vector<TopoDS_Face> out;
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) out.push_back(TopoDS::Face(e.Current()));
    return out;
}

std::vector<TopoDS_Face> require_faces(const TopoDS_Shape& s, const std::string& op,
                                       const char* param) {
    std::vector<TopoDS_Face> out = faces_of(s);
    if (out.empty()) fail(op, param, "needs a face (got a shape without faces)");
    return out;
}

namespace {

bool segments_cross(const gp_Pnt2d& a, const gp_Pnt2d& b, const gp_Pnt2d& c, const gp_Pnt2d& d) {
    auto orient = [](const gp_Pnt2d& p, const gp_Pnt2d& q, const gp_Pnt2d& r) {
        return (q.X() - p.X()) * (r.Y() - p.Y()) - (q.Y() - p.Y()) * (r.X() - p.X());
    };
    double d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

} // namespace

void require_simple(const TopoDS_Wire& w, const std::string& op, const char* param) {
    // Only planar wires are checked: discretise every edge in wire order, project
    // onto the plane and look for two non-neighbouring pieces that properly cross.
    BRepLib_FindSurface find(w, 1e-6, /*OnlyPlane=*/true);
    if (!find.Found()) return;
    gp_Pln plane = Handle(Geom_Plane)::DownCast(find.Surface())->Pln();
    std::vector<gp_Pnt2d> pts;
    for (BRepTools_WireExplorer e(w); e.More(); e.Next()) {
        BRepAdaptor_Curve c(e.Current());
        int n = c.GetType() == GeomAbs_Line ? 1 : 32;
        bool reversed = e.Current().Orientation() == TopAbs_REVERSED;
        for (int i = 0; i < n; ++i) {
            double k = double(i) / n;
            double t = reversed ? c.LastParameter() - k * (c.LastParameter() - c.FirstParameter())
                                : c.FirstParameter() + k * (c.LastParameter() - c.FirstParameter());
            double u, v;
            ElSLib::Parameters(plane, c.Value(t), u, v);
            pts.emplace_back(u, v);
        }
    }
    TopoDS_Vertex first, last;
    TopExp::Vertices(w, first, last);
    bool closed = !first.IsNull() && first.IsSame(last);
    if (!closed && !last.IsNull()) {
        double u, v;
        ElSLib::Parameters(plane, BRep_Tool::Pnt(last), u, v);
        pts.emplace_back(u, v);
    }
    std::size_t n = pts.size(); // closed polygon pts[0..n-1]
    if (n < 4) return;
    std::size_t pieces = closed ? n : n - 1;
    for (std::size_t i = 0; i < pieces; ++i)
        for (std::size_t j = i + 2; j < pieces; ++j) {
            if (closed && i == 0 && j == n - 1) continue;
            if (segments_cross(pts[i], pts[i + 1], pts[j], pts[(j + 1) % n]))
                fail(op, param, "self-intersects");
        }
}

double min_curvature_radius(const TopoDS_Wire& w) {
    double best = std::numeric_limits<double>::infinity();
    for (TopExp_Explorer e(w, TopAbs_EDGE); e.More(); e.Next()) {
        BRepAdaptor_Curve c(TopoDS::Edge(e.Current()));
        if (c.GetType() == GeomAbs_Line) continue;
        if (c.GetType() == GeomAbs_Circle) {
            best = std::min(best, c.Circle().Radius());
            continue;
        }
        BRepLProp_CLProps props(c, 2, 1e-9);
        const int samples = 200;
        for (int i = 0; i <= samples; ++i) {
            double t = c.FirstParameter() + (c.LastParameter() - c.FirstParameter()) * i / samples;
            props.SetParameter(t);
            if (!props.IsTangentDefined()) continue;
            double k = props.Curvature();
            if (k > 1e-12) best = std::min(best, 1.0 / k);
        }
    }
    return best;
}

TopoDS_Shape solid_with_holes(const TopoDS_Face& f,
                              const std::function<TopoDS_Shape(const TopoDS_Wire&)>& make_one,
                              const std::string& op) {
    TopoDS_Wire outer = BRepTools::OuterWire(f);
    TopoDS_Shape solid = make_one(outer);
    TopTools_ListOfShape holes;
    for (TopExp_Explorer e(f, TopAbs_WIRE); e.More(); e.Next())
        if (!e.Current().IsSame(outer)) holes.Append(make_one(TopoDS::Wire(e.Current())));
    if (holes.IsEmpty()) return solid;
    TopTools_ListOfShape args;
    args.Append(solid);
    BRepAlgoAPI_Cut cut;
    cut.SetArguments(args);
    cut.SetTools(holes);
    cut.Build();
    check_done(cut, op);
    return cut.Shape();
}

bool has_sharp_corner(const TopoDS_Wire& w) {
    gp_Vec previous;
    bool first = true;
    for (BRepTools_WireExplorer e(w); e.More(); e.Next()) {
        BRepAdaptor_Curve c(e.Current());
        const bool reversed = e.Current().Orientation() == TopAbs_REVERSED;
        gp_Pnt p;
        gp_Vec start, end;
        c.D1(reversed ? c.LastParameter() : c.FirstParameter(), p, start);
        c.D1(reversed ? c.FirstParameter() : c.LastParameter(), p, end);
        if (reversed) {
            start.Reverse();
            end.Reverse();
        }
        if (!first && previous.Magnitude() > 1e-12 && start.Magnitude() > 1e-12 &&
            previous.Angle(start) > 1e-3)
            return true;
        previous = end;
        first = false;
    }
    return false;
}

TopoDS_Shape pipe_shell(const TopoDS_Wire& spine, const TopoDS_Wire& profile,
                        const std::vector<Trihedron>& modes, bool solid,
                        const Message_ProgressRange& progress, const std::string& op) {
    Message_ProgressScope scope(progress, "sweep", double(modes.size()));
    for (std::size_t i = 0; i < modes.size() && scope.More(); ++i) {
        Message_ProgressRange attempt = scope.Next();
        BRepOffsetAPI_MakePipeShell pipe(spine);
        switch (modes[i]) {
        case Trihedron::corrected_frenet: pipe.SetMode(/*IsFrenet=*/false); break;
        case Trihedron::frenet: pipe.SetMode(/*IsFrenet=*/true); break;
        case Trihedron::discrete: pipe.SetDiscreteMode(); break;
        }
        // Paths with sharp corners (C0 joins) get round joints instead of failing.
        pipe.SetTransitionMode(BRepBuilderAPI_RoundCorner);
        pipe.Add(profile, /*WithContact=*/false, /*WithCorrection=*/false);
        pipe.Build(attempt);
        if (scope.UserBreak()) throw Cancelled();
        if (!pipe.IsDone()) continue;
        if (solid && !pipe.MakeSolid()) continue;
        return pipe.Shape();
    }
    throw Error(op, "path",
                op + ": OCCT could not sweep the profile along the path" +
                    (has_sharp_corner(spine)
                         ? "; the path has sharp corners: round them (polyline(points, "
                           "corner_radius))"
                         : std::string()));
}

TopoDS_Shape group_parts(const std::vector<TopoDS_Shape>& parts) {
    if (parts.size() == 1) return parts.front();
    BRep_Builder b;
    TopoDS_Compound c;
    b.MakeCompound(c);
    for (const TopoDS_Shape& p : parts) b.Add(c, p);
    return c;
}

} // namespace lazycad::detail
