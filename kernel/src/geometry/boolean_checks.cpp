#include "geometry/boolean_checks.hpp"

#include <algorithm>
#include <memory>
#include <cmath>

#include <optional>

#include <BRepAdaptor_Curve.hxx>
#include <BRepBndLib.hxx>
#include <BRepClass3d_SolidClassifier.hxx>
#include <BRepGProp.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
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

Volume volume_of(const TopoDS_Shape& s) {
    // An explicit accuracy: without one, BRepGProp can be off by over 1 % on
    // threads (OCCT 7.6), more than any bound here could absorb.
    constexpr double eps = 1e-7;
    GProp_GProps props;
    double reached = BRepGProp::VolumeProperties(s, props, eps);
    double v = props.Mass();
    return {v, std::abs(v) * std::max(eps, std::isfinite(reached) ? reached : eps)};
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

/// Results that keep an operand whole or are empty are cheap to get wrong and
/// to catch: a boundary point of one operand that must have changed the result.
void check_untouched(BooleanKind kind, const std::vector<TopoDS_Shape>& operands,
                     const std::vector<Volume>& v, const Volume& r, bool empty, double tol,
                     const OpContext& c) {
    if (operands.size() != 2) return;
    const TopoDS_Shape &a = operands[0], &b = operands[1];
    const double ptol = std::max(1e-6 * std::max(size_of(a), size_of(b)), 1e-7);
    switch (kind) {
    case BooleanKind::cut:
        if (empty) {
            if (auto p = first_point(boundary_points(a), b, false, ptol))
                wrong_result(c, "the result is empty, though the shape reaches outside the tool", *p);
        } else if (r.value >= v[0].value - tol) {
            if (auto p = first_point(boundary_points(b), a, true, ptol))
                wrong_result(c, "nothing was removed, though the tool reaches inside the shape", *p);
        }
        break;
    case BooleanKind::common:
        if (empty) {
            if (auto p = first_point(boundary_points(b), a, true, ptol))
                wrong_result(c, "the result is empty, though the shapes overlap", *p);
        }
        break;
    case BooleanKind::fuse:
        for (int i = 0; i < 2; ++i)
            if (r.value <= v[i].value + tol)
                if (auto p = first_point(boundary_points(operands[1 - i]), operands[i], false, ptol))
                    wrong_result(c, "the union is no larger than one operand, though the other "
                                    "reaches outside it",
                                 *p);
        break;
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

    std::vector<Volume> v;
    double error = 0, scale = 0;
    for (const TopoDS_Shape& s : operands) {
        v.push_back(volume_of(s));
        error += v.back().error;
        scale = std::max(scale, std::abs(v.back().value));
    }
    const Volume r = volume_of(result);
    error += r.error;
    scale = std::max(scale, std::abs(r.value));
    const double tol = 1e-6 * scale + error;

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
    // An empty result: is that what the operands say?
    if (empty) {
        check_untouched(kind, operands, v, r, empty, tol, c);
        if (allows_empty(c)) return;
        empty_result(kind, c);
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
    // An operand kept whole: is that what the other one says?
    check_untouched(kind, operands, v, r, empty, tol, c);
}

} // namespace lazycad::detail
