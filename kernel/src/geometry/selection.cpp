// Resolving edge and face selections (built by ops/selection.cpp) against an
// evaluated shape.

#include <algorithm>
#include <cmath>
#include <limits>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeVertex.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRepGProp.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <Precision.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "lazycad/error.hpp"
#include "geometry/selection_eval.hpp"

namespace lazycad {

// --- resolving selections --------------------------------------------------------

namespace detail {

namespace {

using Mask = std::vector<bool>;

const ValueList& parts_of(const Value& expr) {
    if (!expr.is<ValueList>() || expr.as<ValueList>().empty() ||
        !expr.as<ValueList>()[0].is<std::string>())
        throw Error("selection", "", "selection: malformed selection expression " + expr.to_string());
    return expr.as<ValueList>();
}

gp_Dir axis_dir(const Value& v) {
    const std::string& a = v.as<std::string>();
    return a == "X" ? gp::DX() : a == "Y" ? gp::DY() : gp::DZ();
}

/// Tolerance for "tied" coordinates: relative to the shape's size.
double size_tolerance(const TopoDS_Shape& shape) {
    Bnd_Box box;
    BRepBndLib::Add(shape, box);
    if (box.IsVoid()) return Precision::Confusion();
    return std::max(Precision::Confusion(), 1e-7 * std::sqrt(box.SquareExtent()));
}

/// Index (0-based) of the sub-shape of `map` nearest to `p`, considering only `candidates`.
int nearest(const TopTools_IndexedMapOfShape& map, const Mask& candidates, Point p) {
    TopoDS_Vertex v = BRepBuilderAPI_MakeVertex(gp_Pnt(p.x, p.y, p.z));
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (int i = 0; i < map.Extent(); ++i) {
        if (!candidates[i]) continue;
        BRepExtrema_DistShapeShape dist(v, map(i + 1));
        if (!dist.IsDone()) continue;
        if (dist.Value() < best_d - Precision::Confusion()) {
            best_d = dist.Value();
            best = i;
        }
    }
    return best;
}

/// Set algebra over masks: "and", "or" (with `b`), "not" (without).
Mask combine(const std::string& kind, Mask a, const Mask* b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (kind == "and") a[i] = a[i] && (*b)[i];
        else if (kind == "or") a[i] = a[i] || (*b)[i];
        else a[i] = !a[i];
    }
    return a;
}

struct FaceSet {
    TopTools_IndexedMapOfShape map;
    std::vector<gp_Pnt> centres;
};

Mask eval_faces(const FaceSet& fs, const Value& expr, double tol) {
    const ValueList& p = parts_of(expr);
    const std::string& kind = p[0].as<std::string>();
    const int n = fs.map.Extent();
    Mask m(n, false);
    if (kind == "and" || kind == "or") {
        Mask b = eval_faces(fs, p[2], tol);
        return combine(kind, eval_faces(fs, p[1], tol), &b);
    }
    if (kind == "not") return combine(kind, eval_faces(fs, p[1], tol), nullptr);
    if (kind == "all") return Mask(n, true);
    if (kind == "top" || kind == "bottom") {
        double sign = kind == "top" ? 1 : -1;
        double best = -std::numeric_limits<double>::infinity();
        for (int i = 0; i < n; ++i) best = std::max(best, sign * fs.centres[i].Z());
        for (int i = 0; i < n; ++i) m[i] = sign * fs.centres[i].Z() >= best - tol;
        return m;
    }
    if (kind == "near") {
        int i = nearest(fs.map, Mask(n, true), p[1].as<Point>());
        if (i >= 0) m[i] = true;
        return m;
    }
    if (kind == "planes" || kind == "normal_to") {
        for (int i = 0; i < n; ++i) {
            BRepAdaptor_Surface s(TopoDS::Face(fs.map(i + 1)));
            if (s.GetType() != GeomAbs_Plane) continue;
            m[i] = kind == "planes" ||
                   s.Plane().Axis().Direction().IsParallel(axis_dir(p[1]), Precision::Angular());
        }
        return m;
    }
    throw Error("selection", "", "selection: unknown face predicate '" + kind + "'");
}

FaceSet face_set(const TopoDS_Shape& shape) {
    FaceSet fs;
    TopExp::MapShapes(shape, TopAbs_FACE, fs.map);
    for (int i = 1; i <= fs.map.Extent(); ++i) {
        GProp_GProps props;
        BRepGProp::SurfaceProperties(fs.map(i), props);
        fs.centres.push_back(props.CentreOfMass());
    }
    return fs;
}

Mask eval_edges(const TopoDS_Shape& shape, const TopTools_IndexedMapOfShape& map,
                const Mask& usable, const Value& expr, double tol) {
    const ValueList& p = parts_of(expr);
    const std::string& kind = p[0].as<std::string>();
    const int n = map.Extent();
    Mask m(n, false);
    if (kind == "and" || kind == "or") {
        Mask b = eval_edges(shape, map, usable, p[2], tol);
        return combine(kind, eval_edges(shape, map, usable, p[1], tol), &b);
    }
    if (kind == "not") {
        Mask a = combine(kind, eval_edges(shape, map, usable, p[1], tol), nullptr);
        for (int i = 0; i < n; ++i) a[i] = a[i] && usable[i];
        return a;
    }
    if (kind == "all") return usable;
    if (kind == "near") {
        int i = nearest(map, usable, p[1].as<Point>());
        if (i >= 0) m[i] = true;
        return m;
    }
    if (kind == "lines" || kind == "circles" || kind == "parallel_to") {
        for (int i = 0; i < n; ++i) {
            if (!usable[i]) continue;
            BRepAdaptor_Curve c(TopoDS::Edge(map(i + 1)));
            if (kind == "circles") m[i] = c.GetType() == GeomAbs_Circle;
            else if (kind == "lines") m[i] = c.GetType() == GeomAbs_Line;
            else
                m[i] = c.GetType() == GeomAbs_Line &&
                       c.Line().Direction().IsParallel(axis_dir(p[1]), Precision::Angular());
        }
        return m;
    }
    if (kind == "of_face") {
        FaceSet fs = face_set(shape);
        Mask faces = eval_faces(fs, p[1], tol);
        for (int f = 0; f < fs.map.Extent(); ++f) {
            if (!faces[f]) continue;
            for (TopExp_Explorer e(fs.map(f + 1), TopAbs_EDGE); e.More(); e.Next()) {
                int i = map.FindIndex(e.Current());
                if (i > 0 && usable[i - 1]) m[i - 1] = true;
            }
        }
        return m;
    }
    throw Error("selection", "", "selection: unknown edge predicate '" + kind + "'");
}

std::string describe(const Value& expr, const char* ns) {
    const ValueList& p = parts_of(expr);
    const std::string& kind = p[0].as<std::string>();
    if (kind == "and" || kind == "or")
        return fmt::format("({} {} {})", describe(p[1], ns), kind == "and" ? "&" : "|",
                           describe(p[2], ns));
    if (kind == "not") return "!" + describe(p[1], ns);
    if (kind == "near") {
        Point q = p[1].as<Point>();
        return fmt::format("{}::near({{{}, {}, {}}})", ns, q.x, q.y, q.z);
    }
    if (kind == "parallel_to" || kind == "normal_to")
        return fmt::format("{}::{}({})", ns, kind, p[1].as<std::string>());
    if (kind == "of_face") return fmt::format("{}::of_face({})", ns, describe(p[1], "faces"));
    return fmt::format("{}::{}()", ns, kind);
}

[[noreturn]] void matched_nothing(const std::string& op, const std::string& param,
                                  const std::string& what) {
    throw Error(op, param,
                fmt::format("{}: selection '{}' = {} matched nothing on the input shape", op,
                            param, what));
}

} // namespace

std::string describe_edges(const Value& expr) { return describe(expr, "edges"); }
std::string describe_faces(const Value& expr) { return describe(expr, "faces"); }

std::vector<TopoDS_Edge> select_edges(const TopoDS_Shape& shape, const Value& expr,
                                      const std::string& op, const std::string& param) {
    TopTools_IndexedMapOfShape map;
    TopExp::MapShapes(shape, TopAbs_EDGE, map);
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_EDGE, TopAbs_FACE, faces_of);
    // Degenerated edges and seams (an edge a closed face meets itself along,
    // such as a cylinder's) bound no corner: no predicate may pick them. A
    // seam at angle 0 of a circle would otherwise be near() the circle's
    // point there, and the circle left unrounded.
    Mask usable(map.Extent());
    for (int i = 0; i < map.Extent(); ++i) {
        const TopoDS_Edge& e = TopoDS::Edge(map(i + 1));
        bool seam = false;
        if (const TopTools_ListOfShape* faces = faces_of.Seek(e))
            for (const TopoDS_Shape& f : *faces) seam = seam || BRep_Tool::IsClosed(e, TopoDS::Face(f));
        usable[i] = !BRep_Tool::Degenerated(e) && !seam;
    }
    Mask m = eval_edges(shape, map, usable, expr, size_tolerance(shape));
    std::vector<TopoDS_Edge> out;
    for (int i = 0; i < map.Extent(); ++i)
        if (m[i]) out.push_back(TopoDS::Edge(map(i + 1)));
    if (out.empty()) matched_nothing(op, param, describe_edges(expr));
    return out;
}

std::vector<TopoDS_Face> select_faces(const TopoDS_Shape& shape, const Value& expr,
                                      const std::string& op, const std::string& param) {
    FaceSet fs = face_set(shape);
    Mask m = eval_faces(fs, expr, size_tolerance(shape));
    std::vector<TopoDS_Face> out;
    for (int i = 0; i < fs.map.Extent(); ++i)
        if (m[i]) out.push_back(TopoDS::Face(fs.map(i + 1)));
    if (out.empty()) matched_nothing(op, param, describe_faces(expr));
    return out;
}

std::vector<TopoDS_Edge> select_blend_edges(const TopoDS_Shape& shape, const Value& expr,
                                            const std::string& op, const std::string& param) {
    std::vector<TopoDS_Edge> picked = select_edges(shape, expr, op, param);
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_EDGE, TopAbs_FACE, faces_of);
    std::vector<TopoDS_Edge> out;
    for (const TopoDS_Edge& e : picked) {
        const TopTools_ListOfShape* faces = faces_of.Seek(e);
        if (faces && faces->Extent() == 2) out.push_back(e);
    }
    if (out.empty()) {
        bool flat = !TopExp_Explorer(shape, TopAbs_SOLID).More();
        throw Error(op, param,
                    fmt::format("{}: selection '{}' = {} matched only free edges, which cannot "
                                "be {}ed{}",
                                op, param, describe_edges(expr), op,
                                flat && op == "fillet"
                                    ? "; this is a 2D shape: round its corners with .fillet2d(r)"
                                    : flat ? " (the shape has no solid)" : ""));
    }
    return out;
}

} // namespace detail

} // namespace lazycad
