// Resolving edge and face selections (built by ops/selection.cpp) against an
// evaluated shape.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

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

/// The edges or faces of a shape being selected from, with what predicates
/// measure of them computed once per selection.
struct Items {
    TopTools_IndexedMapOfShape map;
    Mask usable;
    bool faces = false;
    std::vector<gp_Pnt> centres;
    std::vector<double> masses; // length or area

    int size() const { return map.Extent(); }
    const TopoDS_Shape& at(int i) const { return map(i + 1); }
};

Items make_items(const TopoDS_Shape& shape, TopAbs_ShapeEnum kind) {
    Items it;
    it.faces = kind == TopAbs_FACE;
    TopExp::MapShapes(shape, kind, it.map);
    it.usable.assign(it.map.Extent(), true);
    for (int i = 1; i <= it.map.Extent(); ++i) {
        GProp_GProps props;
        if (it.faces) BRepGProp::SurfaceProperties(it.map(i), props);
        else BRepGProp::LinearProperties(it.map(i), props);
        it.centres.push_back(props.CentreOfMass());
        it.masses.push_back(props.Mass());
    }
    return it;
}

/// Item i's value of `by` ("X"/"Y"/"Z": its centre's coordinate; "length",
/// "area", "radius"), or nothing when it has none (a line's radius).
std::optional<double> measure(const Items& it, int i, const std::string& by) {
    if (by == "X") return it.centres[i].X();
    if (by == "Y") return it.centres[i].Y();
    if (by == "Z") return it.centres[i].Z();
    if (by == "length" || by == "area") return it.masses[i];
    if (by != "radius") throw Error("selection", "by", "selection: unknown measure '" + by + "'");
    if (!it.faces) {
        BRepAdaptor_Curve c(TopoDS::Edge(it.at(i)));
        if (c.GetType() == GeomAbs_Circle) return c.Circle().Radius();
        return std::nullopt;
    }
    BRepAdaptor_Surface s(TopoDS::Face(it.at(i)), false);
    if (s.GetType() == GeomAbs_Cylinder) return s.Cylinder().Radius();
    if (s.GetType() == GeomAbs_Sphere) return s.Sphere().Radius();
    return std::nullopt;
}

/// How close two values of `by` must be to count as equal: `tol` (1e-7 of the
/// shape's size) for lengths, `tol` times the shape's size for areas.
double tolerance_for(const std::string& by, double tol) { return by == "area" ? tol * tol * 1e7 : tol; }

std::string curve_type(const TopoDS_Edge& e) {
    switch (BRepAdaptor_Curve(e).GetType()) {
    case GeomAbs_Line: return "line";
    case GeomAbs_Circle: return "circle";
    case GeomAbs_Ellipse: return "ellipse";
    case GeomAbs_BSplineCurve: return "bspline";
    case GeomAbs_BezierCurve: return "bezier";
    default: return "other";
    }
}

std::string surface_type(const TopoDS_Face& f) {
    switch (BRepAdaptor_Surface(f, false).GetType()) {
    case GeomAbs_Plane: return "plane";
    case GeomAbs_Cylinder: return "cylinder";
    case GeomAbs_Cone: return "cone";
    case GeomAbs_Sphere: return "sphere";
    case GeomAbs_Torus: return "torus";
    case GeomAbs_BSplineSurface: return "bspline";
    default: return "other";
    }
}

/// Whether every one of a few points along `e` lies on one edge of `others`
/// (within `tol`): `e` is that edge or a trimmed piece of it.
bool lies_on_an_edge(const TopoDS_Edge& e, const std::vector<std::pair<TopoDS_Edge, Bnd_Box>>& others,
                     double tol) {
    BRepAdaptor_Curve c(e);
    std::vector<TopoDS_Vertex> samples;
    std::vector<gp_Pnt> points;
    for (double f : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        gp_Pnt p = c.Value(c.FirstParameter() + f * (c.LastParameter() - c.FirstParameter()));
        points.push_back(p);
        samples.push_back(BRepBuilderAPI_MakeVertex(p));
    }
    for (const auto& [o, box] : others) {
        bool on = true;
        for (std::size_t k = 0; on && k < points.size(); ++k) {
            if (box.IsOut(points[k])) {
                on = false;
                break;
            }
            BRepExtrema_DistShapeShape dist(samples[k], o);
            on = dist.IsDone() && dist.Value() <= tol;
        }
        if (on) return true;
    }
    return false;
}

/// What an expression is evaluated against.
struct Context {
    const TopoDS_Shape& shape;
    const std::vector<TopoDS_Shape>& operands; // inputs of the shape's operation, for created()
    double tol;
};

Mask eval(const Items& it, const Value& expr, const Context& cx);

/// The mask of `inner`, restricted to the items ranked (sort) or grouped
/// (group) at `index` by `by`.
Mask pick_ranked(const Items& it, const ValueList& p, const Context& cx) {
    const bool group = p[0].as<std::string>() == "group";
    const Mask inner = eval(it, p[1], cx);
    const std::string& by = p[2].as<std::string>();
    std::int64_t index = p[3].as<std::int64_t>();
    std::vector<std::pair<double, int>> ranked;
    for (int i = 0; i < it.size(); ++i)
        if (inner[i])
            if (std::optional<double> v = measure(it, i, by)) ranked.push_back({*v, i});
    // Ties keep TopExp order, which is fixed for a given shape.
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::vector<int>> bins;
    const double tol = tolerance_for(by, cx.tol);
    for (std::size_t k = 0; k < ranked.size(); ++k) {
        if (!group || k == 0 || ranked[k].first - ranked[k - 1].first > tol) bins.emplace_back();
        bins.back().push_back(ranked[k].second);
    }
    Mask m(it.size(), false);
    const std::int64_t n = std::int64_t(bins.size());
    if (index < 0) index += n;
    if (index < 0 || index >= n) return m;
    for (int i : bins[std::size_t(index)]) m[i] = true;
    return m;
}

Mask eval(const Items& it, const Value& expr, const Context& cx) {
    const ValueList& p = parts_of(expr);
    const std::string& kind = p[0].as<std::string>();
    const int n = it.size();
    Mask m(n, false);
    if (kind == "and" || kind == "or") {
        Mask b = eval(it, p[2], cx);
        return combine(kind, eval(it, p[1], cx), &b);
    }
    if (kind == "not") {
        Mask a = combine(kind, eval(it, p[1], cx), nullptr);
        for (int i = 0; i < n; ++i) a[i] = a[i] && it.usable[i];
        return a;
    }
    if (kind == "all") return it.usable;
    if (kind == "near") {
        int i = nearest(it.map, it.usable, p[1].as<Point>());
        if (i >= 0) m[i] = true;
        return m;
    }
    if (kind == "nth" || kind == "group") return pick_ranked(it, p, cx);
    if (kind == "between") {
        const std::string& by = p[1].as<std::string>();
        const ValueList& r = p[2].as<ValueList>();
        const double tol = tolerance_for(by, cx.tol);
        for (int i = 0; i < n; ++i) {
            if (!it.usable[i]) continue;
            std::optional<double> v = measure(it, i, by);
            m[i] = v && *v >= r[0].as<double>() - tol && *v <= r[1].as<double>() + tol;
        }
        return m;
    }
    if (kind == "type") {
        for (int i = 0; i < n; ++i)
            m[i] = it.usable[i] && (it.faces ? surface_type(TopoDS::Face(it.at(i)))
                                             : curve_type(TopoDS::Edge(it.at(i)))) ==
                                       p[1].as<std::string>();
        return m;
    }
    if (it.faces) {
        if (kind == "top" || kind == "bottom") {
            double sign = kind == "top" ? 1 : -1;
            double best = -std::numeric_limits<double>::infinity();
            for (int i = 0; i < n; ++i) best = std::max(best, sign * it.centres[i].Z());
            for (int i = 0; i < n; ++i) m[i] = sign * it.centres[i].Z() >= best - cx.tol;
            return m;
        }
        if (kind == "planes" || kind == "normal_to") {
            for (int i = 0; i < n; ++i) {
                BRepAdaptor_Surface s(TopoDS::Face(it.at(i)));
                if (s.GetType() != GeomAbs_Plane) continue;
                m[i] = kind == "planes" ||
                       s.Plane().Axis().Direction().IsParallel(axis_dir(p[1]), Precision::Angular());
            }
            return m;
        }
        throw Error("selection", "", "selection: unknown face predicate '" + kind + "'");
    }
    if (kind == "lines" || kind == "circles" || kind == "parallel_to") {
        for (int i = 0; i < n; ++i) {
            if (!it.usable[i]) continue;
            BRepAdaptor_Curve c(TopoDS::Edge(it.at(i)));
            if (kind == "circles") m[i] = c.GetType() == GeomAbs_Circle;
            else if (kind == "lines") m[i] = c.GetType() == GeomAbs_Line;
            else
                m[i] = c.GetType() == GeomAbs_Line &&
                       c.Line().Direction().IsParallel(axis_dir(p[1]), Precision::Angular());
        }
        return m;
    }
    if (kind == "of_face") {
        Items fs = make_items(cx.shape, TopAbs_FACE);
        Mask faces = eval(fs, p[1], cx);
        for (int f = 0; f < fs.size(); ++f) {
            if (!faces[f]) continue;
            for (TopExp_Explorer e(fs.at(f), TopAbs_EDGE); e.More(); e.Next()) {
                int i = it.map.FindIndex(e.Current());
                if (i > 0 && it.usable[i - 1]) m[i - 1] = true;
            }
        }
        return m;
    }
    if (kind == "created") {
        if (cx.operands.empty())
            throw Error("selection", "edges",
                        "selection: edges::created() has no operation inputs to compare with");
        std::vector<std::pair<TopoDS_Edge, Bnd_Box>> old;
        for (const TopoDS_Shape& s : cx.operands)
            for (TopExp_Explorer e(s, TopAbs_EDGE); e.More(); e.Next()) {
                Bnd_Box box;
                BRepBndLib::Add(e.Current(), box);
                box.Enlarge(10 * cx.tol);
                old.push_back({TopoDS::Edge(e.Current()), box});
            }
        // The comparison is geometric, not by OCCT's history: the inputs and
        // the result may come from different cache entries (no shared TShapes).
        for (int i = 0; i < n; ++i)
            m[i] = it.usable[i] && !lies_on_an_edge(TopoDS::Edge(it.at(i)), old, 10 * cx.tol);
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
    if (kind == "type") return fmt::format("{}::of_type({})", ns, p[1].as<std::string>());
    if (kind == "between") {
        const std::string& by = p[1].as<std::string>();
        const ValueList& r = p[2].as<ValueList>();
        if (by.size() == 1)
            return fmt::format("{}::between({}, {}, {})", ns, by, r[0].as<double>(), r[1].as<double>());
        return fmt::format("{}::{}_between({}, {})", ns, by, r[0].as<double>(), r[1].as<double>());
    }
    if (kind == "nth" || kind == "group") {
        const std::string& by = p[2].as<std::string>();
        return fmt::format("{}.{}({}).nth({})", describe(p[1], ns),
                           kind == "nth" ? "sort_by" : "group_by", by, p[3].as<std::int64_t>());
    }
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
                                      const std::string& op, const std::string& param,
                                      const std::vector<TopoDS_Shape>& operands) {
    Items it = make_items(shape, TopAbs_EDGE);
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndUniqueAncestors(shape, TopAbs_EDGE, TopAbs_FACE, faces_of);
    // Degenerated edges and seams (an edge a closed face meets itself along,
    // such as a cylinder's) bound no corner: no predicate may pick them. A
    // seam at angle 0 of a circle would otherwise be near() the circle's
    // point there, and the circle left unrounded.
    for (int i = 0; i < it.size(); ++i) {
        const TopoDS_Edge& e = TopoDS::Edge(it.at(i));
        bool seam = false;
        if (const TopTools_ListOfShape* faces = faces_of.Seek(e))
            for (const TopoDS_Shape& f : *faces) seam = seam || BRep_Tool::IsClosed(e, TopoDS::Face(f));
        it.usable[i] = !BRep_Tool::Degenerated(e) && !seam;
    }
    Mask m = eval(it, expr, Context{shape, operands, size_tolerance(shape)});
    std::vector<TopoDS_Edge> out;
    for (int i = 0; i < it.size(); ++i)
        if (m[i]) out.push_back(TopoDS::Edge(it.at(i)));
    if (out.empty()) matched_nothing(op, param, describe_edges(expr));
    return out;
}

std::vector<TopoDS_Face> select_faces(const TopoDS_Shape& shape, const Value& expr,
                                      const std::string& op, const std::string& param) {
    Items it = make_items(shape, TopAbs_FACE);
    Mask m = eval(it, expr, Context{shape, {}, size_tolerance(shape)});
    std::vector<TopoDS_Face> out;
    for (int i = 0; i < it.size(); ++i)
        if (m[i]) out.push_back(TopoDS::Face(it.at(i)));
    if (out.empty()) matched_nothing(op, param, describe_faces(expr));
    return out;
}

std::vector<TopoDS_Edge> select_blend_edges(const TopoDS_Shape& shape, const Value& expr,
                                            const std::string& op, const std::string& param,
                                            const std::vector<TopoDS_Shape>& operands) {
    std::vector<TopoDS_Edge> picked = select_edges(shape, expr, op, param, operands);
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
