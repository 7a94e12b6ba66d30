#include "geometry/boolean_checks.hpp"

#include <algorithm>
#include <memory>
#include <cmath>

#include <optional>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepGProp.hxx>
#include <BRep_Tool.hxx>
#include <BRep_Builder.hxx>
#include <Bnd_Box.hxx>
#include <TopoDS_Compound.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <NCollection_DataMap.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopTools_ShapeMapHasher.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "eval/validity.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

namespace {

/// A volume and a bound on its integration error.
struct Volume {
    double value, error;
};

Volume integrate_volume(const TopoDS_Shape& s) {
    // An explicit accuracy: without one, BRepGProp can be off by over 1 % on
    // threads (OCCT 7.6). 1e-4 is ample for bounds that catch wrong results,
    // and much cheaper than the 1e-6 of measurements.
    constexpr double eps = 1e-4;
    GProp_GProps props;
    double reached = BRepGProp::VolumeProperties(s, props, eps);
    double v = props.Mass();
    return {v, std::abs(v) * std::max(eps, std::isfinite(reached) ? reached : eps)};
}

/// Whether every face of `s` lies on a plane, cylinder, cone, sphere or torus
/// and every edge on a line or circle: BRepGProp's fixed Gauss rule is then
/// accurate to far below the bounds' tolerance, and much cheaper than its
/// adaptive one (a plate's face with 40 holes, re-integrated on each cut).
bool elementary(const TopoDS_Shape& s) {
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) {
        const GeomAbs_SurfaceType t = BRepAdaptor_Surface(TopoDS::Face(e.Current()), false).GetType();
        if (t != GeomAbs_Plane && t != GeomAbs_Cylinder && t != GeomAbs_Cone &&
            t != GeomAbs_Sphere && t != GeomAbs_Torus)
            return false;
    }
    for (TopExp_Explorer e(s, TopAbs_EDGE); e.More(); e.Next()) {
        const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
        if (BRep_Tool::Degenerated(edge)) continue;
        const GeomAbs_CurveType t = BRepAdaptor_Curve(edge).GetType();
        if (t != GeomAbs_Line && t != GeomAbs_Circle) return false;
    }
    return true;
}

/// BRepGProp's fixed rule, for elementary() shapes: its error is taken as 1e-9.
Volume fast_volume(const TopoDS_Shape& s) {
    GProp_GProps props;
    BRepGProp::VolumeProperties(s, props);
    return {props.Mass(), 1e-9 * std::abs(props.Mass())};
}

/// The volume of `s`, remembered for the next few booleans on this thread: a
/// chain of cuts takes each result as the next one's operand.
Volume volume_of(const TopoDS_Shape& s) {
    struct Known {
        TopoDS_Shape shape; // held, so its address cannot be reused
        Volume volume;
    };
    thread_local std::vector<Known> known;
    // Moved copies (a pattern's) have the same volume: a rigid location
    // (no scale, no mirror) keeps it.
    const gp_Trsf& t = s.Location().Transformation();
    const bool rigid = std::abs(t.ScaleFactor() - 1) < 1e-12 && !t.IsNegative();
    for (const Known& k : known)
        if (k.shape.IsPartner(s) && k.shape.Orientation() == s.Orientation() && rigid &&
            k.shape.Location().Transformation().ScaleFactor() == t.ScaleFactor())
            return k.volume;
    Volume v = elementary(s) ? fast_volume(s) : integrate_volume(s);
    if (known.size() >= 8) known.erase(known.begin());
    known.push_back({s, v});
    return v;
}

/// Points on the boundary of `s`: its vertices and the midpoints of its edges,
/// at most about `limit` of them, spread over the shape.
std::vector<gp_Pnt> boundary_points(const TopoDS_Shape& s, int limit = 300) {
    TopTools_IndexedMapOfShape vertices, edges;
    TopExp::MapShapes(s, TopAbs_VERTEX, vertices);
    TopExp::MapShapes(s, TopAbs_EDGE, edges);
    std::vector<gp_Pnt> out;
    const int step = std::max(1, (vertices.Extent() + edges.Extent()) / limit);
    for (int i = 1; i <= vertices.Extent(); i += step)
        out.push_back(BRep_Tool::Pnt(TopoDS::Vertex(vertices(i))));
    for (int i = 1; i <= edges.Extent(); i += step) {
        const TopoDS_Edge& e = TopoDS::Edge(edges(i));
        if (BRep_Tool::Degenerated(e)) continue;
        BRepAdaptor_Curve c(e);
        out.push_back(c.Value((c.FirstParameter() + c.LastParameter()) / 2));
    }
    return out;
}

/// The first of `points` that lies in the solids of `s` (`inside`) or outside
/// all of them (`!inside`), farther than `tol` from their boundary.
std::optional<gp_Pnt> first_point(const std::vector<gp_Pnt>& points, const TopoDS_Shape& s,
                                  bool inside, double tol) {
    std::vector<std::unique_ptr<BRepClass3d_SolidClassifier>> solids;
    for (TopExp_Explorer e(s, TopAbs_SOLID); e.More(); e.Next())
        solids.push_back(std::make_unique<BRepClass3d_SolidClassifier>(e.Current()));
    for (const gp_Pnt& p : points) {
        bool in = false, on = false;
        for (auto& solid : solids) {
            solid->Perform(p, tol);
            in = in || solid->State() == TopAbs_IN;
            on = on || solid->State() == TopAbs_ON;
        }
        if (inside ? in : (!in && !on)) return p;
    }
    return std::nullopt;
}

double size_of(const TopoDS_Shape& s) {
    Bnd_Box box;
    BRepBndLib::Add(s, box);
    return box.IsVoid() ? 0 : std::sqrt(box.SquareExtent());
}

/// OCCT returned `result` for operands it mishandled (a tool that touches
/// itself, such as a helical sweep whose turns meet, has been seen to give an
/// empty cut or an untouched shape, without an error).
[[noreturn]] void wrong_result(const OpContext& c, const std::string& what, const gp_Pnt& p) {
    throw Error(c.op(), "",
                fmt::format("{}: OCCT returned a wrong result: {} at ({:.6g}, {:.6g}, {:.6g}); "
                            "is each operand a valid solid that does not touch itself (a sweep "
                            "whose turns meet does)?",
                            c.op(), what, p.X(), p.Y(), p.Z()));
}

/// vol(from) - vol(to), integrated over the faces that differ only. A boolean
/// keeps the faces it does not touch (the same TShape, location and
/// orientation), whose terms in the divergence-theorem sum cancel exactly: a
/// chain of cuts pays for the faces each cut made, not for the whole part.
struct Change {
    double value = 0, error = 0, magnitude = 0;
};
Change volume_change(const TopoDS_Shape& from, const TopoDS_Shape& to) {
    NCollection_DataMap<TopoDS_Shape, int, TopTools_ShapeMapHasher> net;
    auto add = [&](const TopoDS_Shape& s, int sign) {
        for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) {
            const TopAbs_Orientation o = e.Current().Orientation();
            if (o != TopAbs_FORWARD && o != TopAbs_REVERSED) continue; // bound no volume
            const int term = sign * (o == TopAbs_FORWARD ? 1 : -1);
            if (int* n = net.ChangeSeek(e.Current())) *n += term;
            else net.Bind(e.Current(), term);
        }
    };
    add(from, 1);
    add(to, -1);
    // One compound, so that one origin serves every term (BRepGProp integrates
    // about a point it picks per call; open faces' terms depend on it). A face
    // counted -n times enters reversed n times: reversing negates its term.
    BRep_Builder builder;
    TopoDS_Compound changed;
    builder.MakeCompound(changed);
    bool any = false;
    for (NCollection_DataMap<TopoDS_Shape, int, TopTools_ShapeMapHasher>::Iterator it(net);
         it.More(); it.Next())
        for (int k = 0; k < std::abs(it.Value()); ++k) {
            builder.Add(changed, it.Key().Oriented(it.Value() > 0 ? TopAbs_FORWARD : TopAbs_REVERSED));
            any = true;
        }
    if (!any) return {};
    const Volume v = elementary(changed) ? fast_volume(changed) : integrate_volume(changed);
    return {v.value, v.error, std::abs(v.value)};
}

/// The operands from `from` on as one shape: the tools of a cut or the
/// other operands of a union, all at once (a folded chain has many).
TopoDS_Shape others(const std::vector<TopoDS_Shape>& operands, std::size_t from, std::size_t skip) {
    if (operands.size() == 2) return operands[from == skip ? from + 1 : from];
    BRep_Builder builder;
    TopoDS_Compound all;
    builder.MakeCompound(all);
    for (std::size_t i = from; i < operands.size(); ++i)
        if (i != skip) builder.Add(all, operands[i]);
    return all;
}

double size_of(const std::vector<TopoDS_Shape>& operands) {
    double size = 0;
    for (const TopoDS_Shape& s : operands) size = std::max(size, size_of(s));
    return size;
}

/// An empty result: a point of the shape outside the tools (cut), or of one
/// operand inside the other (common), says it should not be.
void check_empty(BooleanKind kind, const std::vector<TopoDS_Shape>& operands, const OpContext& c) {
    const TopoDS_Shape& a = operands[0];
    const double ptol = std::max(1e-6 * size_of(operands), 1e-7);
    if (kind == BooleanKind::cut) {
        if (auto p = first_point(boundary_points(a), others(operands, 1, 0), false, ptol))
            wrong_result(c, "the result is empty, though the shape reaches outside the tool", *p);
    } else if (kind == BooleanKind::common && operands.size() == 2) {
        if (auto p = first_point(boundary_points(operands[1]), a, true, ptol))
            wrong_result(c, "the result is empty, though the shapes overlap", *p);
    }
}

/// A result that keeps an operand whole (`d[i]`: its volume minus the
/// result's, about 0): a boundary point of the other operands says whether it
/// should have changed.
void check_untouched(BooleanKind kind, const std::vector<TopoDS_Shape>& operands,
                     const std::vector<Change>& d, double tol, const OpContext& c) {
    const TopoDS_Shape& a = operands[0];
    const double ptol = std::max(1e-6 * size_of(operands), 1e-7);
    if (kind == BooleanKind::cut && d[0].value <= tol) {
        for (std::size_t i = 1; i < operands.size(); ++i)
            if (auto p = first_point(boundary_points(operands[i]), a, true, ptol))
                wrong_result(c, "nothing was removed, though the tool reaches inside the shape", *p);
    } else if (kind == BooleanKind::fuse) {
        for (std::size_t i = 0; i < d.size(); ++i)
            if (d[i].value >= -tol)
                if (auto p = first_point(boundary_points(others(operands, 0, i)), operands[i], false,
                                         ptol))
                    wrong_result(c, "the union is no larger than one operand, though the other "
                                    "reaches outside it",
                                 *p);
    }
}

bool allows_empty(const OpContext& c) { return c.has("allow_empty") && c.flag("allow_empty"); }

[[noreturn]] void empty_result(BooleanKind kind, const OpContext& c) {
    const char* what = kind == BooleanKind::common ? "the shapes do not overlap"
                       : c.op() == "hole"          ? "the hole removes all of the part"
                                                   : "the tool removes all of the shape";
    throw Error(c.op(), "",
                fmt::format("{}: the result is empty ({}); if that is intended, call "
                            ".allow_empty() on it",
                            c.op(), what));
}

} // namespace

void check_boolean_result(BooleanKind kind, const std::vector<TopoDS_Shape>& operands,
                          const TopoDS_Shape& result, const OpContext& c) {
    for (const TopoDS_Shape& s : operands)
        if (count_solids(s) == 0) return; // not a boolean of solids: nothing to bound
    const bool empty = kind != BooleanKind::fuse && count_solids(result) == 0;
    if (empty && !allows_empty(c) && !validity_policy_on()) empty_result(kind, c);
    if (!validity_policy_on()) return;

    // The cheap filter: how much each operand's volume differs from the
    // result's, from the faces that changed, and full volumes of the tools only
    // where a bound needs them (cut: the tool; fuse: all but the first).
    if (c.progress.UserBreak()) return; // cancelled: the evaluator says so next
    // The change against each operand for two of them; for an n-ary union
    // (a pattern of hundreds of copies) against the first only, which keeps
    // this linear in the result's faces.
    std::vector<Change> d;
    double error = 0, scale = 0;
    for (std::size_t i = 0; i < (operands.size() == 2 ? 2 : 1); ++i) {
        d.push_back(volume_change(operands[i], result));
        error += d.back().error;
        scale = std::max(scale, d.back().magnitude);
    }
    double tools = 0;
    if (kind != BooleanKind::common)
        for (std::size_t i = 1; i < operands.size(); ++i) {
            const Volume t = volume_of(operands[i]);
            tools += t.value;
            error += t.error;
            scale = std::max(scale, std::abs(t.value));
        }
    double tol = 1e-6 * scale + error;
    bool suspect = false;
    switch (kind) {
    case BooleanKind::cut: suspect = d[0].value < -tol || d[0].value > tools + tol; break;
    case BooleanKind::common:
        for (const Change& x : d) suspect = suspect || x.value < -tol;
        break;
    case BooleanKind::fuse:
        // vol >= each operand's (checked for the operands d covers), and
        // vol - vol(first) <= the others' sum.
        for (const Change& x : d) suspect = suspect || x.value > tol;
        suspect = suspect || -d[0].value > tools + tol;
        break;
    }
    // An empty result: is that what the operands say?
    if (empty) {
        check_empty(kind, operands, c);
        if (allows_empty(c)) return;
        empty_result(kind, c);
    }
    if (!suspect) {
        // An operand kept whole: is that what the other one says?
        check_untouched(kind, operands, d, tol, c);
        return;
    }

    // A result that looks wrong: full volumes decide, and the
    // message gives them.
    std::vector<Volume> v;
    error = 0;
    scale = 0;
    for (const TopoDS_Shape& s : operands) {
        v.push_back(volume_of(s));
        error += v.back().error;
        scale = std::max(scale, std::abs(v.back().value));
    }
    const Volume r = volume_of(result);
    error += r.error;
    scale = std::max(scale, std::abs(r.value));
    tol = 1e-6 * scale + error;

    double low = 0, high = 0;
    switch (kind) {
    case BooleanKind::cut:
        high = v[0].value;
        low = v[0].value;
        for (std::size_t i = 1; i < v.size(); ++i) low -= v[i].value;
        break;
    case BooleanKind::common:
        high = v[0].value;
        for (const Volume& x : v) high = std::min(high, x.value);
        low = 0;
        break;
    case BooleanKind::fuse:
        for (const Volume& x : v) {
            low = std::max(low, x.value);
            high += x.value;
        }
        break;
    }
    if (r.value < low - tol || r.value > high + tol) {
        std::string volumes;
        for (std::size_t i = 0; i < v.size(); ++i)
            volumes += fmt::format("{}{:.6g}", i ? ", " : "", v[i].value);
        throw Error(c.op(), "",
                    fmt::format("{}: OCCT returned a wrong result: its volume {:.6g} is outside "
                                "[{:.6g}, {:.6g}], the bounds the operands' volumes ({}) allow",
                                c.op(), r.value, std::max(low, 0.0), high, volumes));
    }
    check_untouched(kind, operands, d, tol, c);
}

} // namespace lazycad::detail
