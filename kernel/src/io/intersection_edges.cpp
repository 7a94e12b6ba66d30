// refit_intersection_edges(): the edges a boolean made where two surfaces
// cross, re-computed on the true intersection for the STEP writer (issue 11).

#include <algorithm>
#include <cmath>

#include <AdvApprox_ApproxAFunction.hxx>
#include <AdvApprox_EvaluatorFunction.hxx>
#include <AdvApprox_PrefCutting.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <Geom2d_BSplineCurve.hxx>
#include <Geom_BSplineCurve.hxx>
#include <Standard_Failure.hxx>
#include <TColStd_HArray1OfInteger.hxx>
#include <TColStd_HArray1OfReal.hxx>
#include <TColgp_Array1OfPnt.hxx>
#include <TColgp_Array1OfPnt2d.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedDataMapOfShapeListOfShape.hxx>
#include <TopoDS.hxx>
#include <math_Gauss.hxx>
#include <math_Matrix.hxx>
#include <math_Vector.hxx>

#include "io/export_formats.hpp"

namespace lazycad::detail {

namespace {

/// Above this sampled deviation an edge is re-computed: a STEP reader's
/// tolerance floor is 1e-7 and its sampling falls up to ~3e-8 short of
/// BOPAlgo_ArgumentAnalyzer's search.
constexpr double refit_above = 5e-8;
/// What the new curves may deviate from the intersection (3D, and in the
/// surfaces' parameters).
constexpr double refit_tolerance = 1e-8;
/// How far a point of the new curve may be from the old one (and within the
/// edge's tolerance): the curves booleans approximate are off by 1e-7 - 3e-7.
constexpr double max_move = 1e-6;

/// An edge's 3D curve and its two curves on faces, as the surfaces see them.
struct EdgeOnTwoFaces {
    TopoDS_Edge edge;
    TopoDS_Face f1, f2;
    Handle(Geom2d_Curve) p1, p2;
    double first = 0, last = 0;
};

/// The largest distance between the 3D curve and the points of its curves
/// on the faces, at 16 + 8 per knot span samples: a cheap lower bound of
/// what BRepLib_CheckCurveOnSurface finds.
double sampled_deviation(const EdgeOnTwoFaces& e) {
    BRepAdaptor_Curve curve(e.edge);
    BRepAdaptor_Surface s1(e.f1, /*Restriction=*/false), s2(e.f2, /*Restriction=*/false);
    const int spans = curve.GetType() == GeomAbs_BSplineCurve ? curve.NbKnots() - 1 : 1;
    const int n = 16 + 8 * spans;
    double d = 0;
    for (int k = 0; k <= n; ++k) {
        const double t = e.first + (e.last - e.first) * k / n;
        const gp_Pnt p = curve.Value(t);
        const gp_Pnt2d a = e.p1->Value(t), b = e.p2->Value(t);
        d = std::max(d, p.Distance(s1.Value(a.X(), a.Y())));
        d = std::max(d, p.Distance(s2.Value(b.X(), b.Y())));
    }
    return d;
}

/// At parameter t of the old curve: the point where the two surfaces meet in
/// the plane through the old point normal to the old tangent, by Newton on
/// S1(u1, v1) = S2(u2, v2), and its derivative in t (implicit function
/// theorem). Layout of the result: u1 v1 u2 v2 x y z (AdvApprox's order:
/// 2D spaces, then 3D).
class IntersectionFunction : public AdvApprox_EvaluatorFunction {
public:
    explicit IntersectionFunction(const EdgeOnTwoFaces& e)
        : m_e(e), m_curve(e.edge), m_s1(e.f1, false), m_s2(e.f2, false),
          m_max_move(std::min(BRep_Tool::Tolerance(e.edge), max_move)) {}

    bool failed() const { return m_failed; }

    void Evaluate(Standard_Integer* /*dimension*/, Standard_Real* /*start_end*/,
                  Standard_Real* parameter, Standard_Integer* derivative, Standard_Real* result,
                  Standard_Integer* error) override {
        *error = 0;
        if (!evaluate(*parameter, *derivative, result)) {
            m_failed = true;
            *error = 1;
        }
    }

private:
    bool evaluate(double t, int derivative, double* r) const {
        gp_Pnt p;
        gp_Vec d1, d2;
        m_curve.D2(t, p, d1, d2);
        gp_Pnt2d uv1 = m_e.p1->Value(t), uv2 = m_e.p2->Value(t);
        gp_Pnt a, b;
        gp_Vec au, av, bu, bv;
        for (int it = 0; it < 20; ++it) {
            m_s1.D1(uv1.X(), uv1.Y(), a, au, av);
            m_s2.D1(uv2.X(), uv2.Y(), b, bu, bv);
            math_Vector x(1, 4);
            if (!solve(au, av, bu, bv, d1, gp_Vec(b, a), gp_Vec(p, a).Dot(d1), x)) return false;
            uv1.SetCoord(uv1.X() - x(1), uv1.Y() - x(2));
            uv2.SetCoord(uv2.X() - x(3), uv2.Y() - x(4));
            if (std::abs(x(1)) + std::abs(x(2)) + std::abs(x(3)) + std::abs(x(4)) < 1e-14) break;
        }
        m_s1.D1(uv1.X(), uv1.Y(), a, au, av);
        m_s2.D1(uv2.X(), uv2.Y(), b, bu, bv);
        // Not converged, or far from the old curve (tangent surfaces, another
        // branch): the old edge is kept.
        if (a.Distance(b) > 1e-10 || std::abs(gp_Vec(p, a).Dot(d1)) > 1e-10 * d1.Magnitude() ||
            a.Distance(p) > m_max_move)
            return false;
        if (derivative == 0) {
            const gp_XYZ m = (a.XYZ() + b.XYZ()) / 2;
            const double v[7] = {uv1.X(), uv1.Y(), uv2.X(), uv2.Y(), m.X(), m.Y(), m.Z()};
            std::copy(v, v + 7, r);
            return true;
        }
        if (derivative != 1) return false;
        // d/dt of F = (S1 - S2, d1.(S1 - C)) = 0 gives J x' = (0, 0, 0, |d1|^2 - d2.(S1 - C)).
        math_Vector x(1, 4);
        if (!solve(au, av, bu, bv, d1, gp_Vec(0, 0, 0),
                   d1.SquareMagnitude() - d2.Dot(gp_Vec(p, a)), x))
            return false;
        const gp_Vec dp = au * x(1) + av * x(2);
        const double v[7] = {x(1), x(2), x(3), x(4), dp.X(), dp.Y(), dp.Z()};
        std::copy(v, v + 7, r);
        return true;
    }

    /// x = J^-1 (gap, plane) with J the Jacobian of (S1 - S2, d1.S1) in (u1 v1 u2 v2).
    static bool solve(const gp_Vec& au, const gp_Vec& av, const gp_Vec& bu, const gp_Vec& bv,
                      const gp_Vec& d1, const gp_Vec& gap, double plane, math_Vector& x) {
        math_Matrix j(1, 4, 1, 4);
        math_Vector rhs(1, 4);
        for (int k = 1; k <= 3; ++k) {
            j(k, 1) = au.Coord(k);
            j(k, 2) = av.Coord(k);
            j(k, 3) = -bu.Coord(k);
            j(k, 4) = -bv.Coord(k);
            rhs(k) = gap.Coord(k);
        }
        j(4, 1) = au.Dot(d1);
        j(4, 2) = av.Dot(d1);
        j(4, 3) = 0;
        j(4, 4) = 0;
        rhs(4) = plane;
        math_Gauss g(j);
        if (!g.IsDone()) return false;
        g.Solve(rhs, x);
        return true;
    }

    const EdgeOnTwoFaces& m_e;
    BRepAdaptor_Curve m_curve;
    BRepAdaptor_Surface m_s1, m_s2;
    double m_max_move;
    bool m_failed = false;
};

/// Replaces e's 3D curve and both curves on faces by one approximation of
/// the true intersection (same knots and parameters, so same-parameter by
/// construction), if it is closer than what the edge had.
void refit(const EdgeOnTwoFaces& e, double before) {
    IntersectionFunction f(e);
    // The 2D tolerances are what refit_tolerance is in each surface's parameters.
    BRepAdaptor_Surface s1(e.f1, false), s2(e.f2, false);
    Handle(TColStd_HArray1OfReal) none = new TColStd_HArray1OfReal(1, 1, refit_tolerance);
    Handle(TColStd_HArray1OfReal) tol2d = new TColStd_HArray1OfReal(1, 2);
    tol2d->SetValue(1, std::min(s1.UResolution(refit_tolerance), s1.VResolution(refit_tolerance)));
    tol2d->SetValue(2, std::min(s2.UResolution(refit_tolerance), s2.VResolution(refit_tolerance)));
    Handle(TColStd_HArray1OfReal) tol3d = new TColStd_HArray1OfReal(1, 1, refit_tolerance);
    // Booleans' curves are often only C1 at their knots, and so is the
    // function: cut there first (the pcurves' knots would only add segments).
    const Handle(Geom_BSplineCurve) old_curve = BRepAdaptor_Curve(e.edge).BSpline();
    const int inner = old_curve->NbKnots() - 2;
    TColStd_Array1OfReal cuts(1, std::max(inner, 1));
    cuts(1) = (e.first + e.last) / 2; // halves, without inner knots
    for (int k = 1; k <= inner; ++k) cuts(k) = old_curve->Knot(k + 1);
    AdvApprox_ApproxAFunction approx(0, 2, 1, none, tol2d, tol3d, e.first, e.last, GeomAbs_C1,
                                     /*MaxDeg=*/11, /*MaxSeg=*/64 + 4 * inner,
                                     f, AdvApprox_PrefCutting(cuts));
    if (f.failed() || !approx.IsDone() || !approx.HasResult()) return;
    const int n = approx.NbPoles();
    TColgp_Array1OfPnt poles(1, n);
    TColgp_Array1OfPnt2d q1(1, n), q2(1, n);
    approx.Poles(1, poles);
    approx.Poles2d(1, q1);
    approx.Poles2d(2, q2);
    const TColStd_Array1OfReal& knots = approx.Knots()->Array1();
    const TColStd_Array1OfInteger& mults = approx.Multiplicities()->Array1();
    Handle(Geom_Curve) c = new Geom_BSplineCurve(poles, knots, mults, approx.Degree());
    Handle(Geom2d_Curve) c1 = new Geom2d_BSplineCurve(q1, knots, mults, approx.Degree());
    Handle(Geom2d_Curve) c2 = new Geom2d_BSplineCurve(q2, knots, mults, approx.Degree());

    TopLoc_Location loc;
    double first, last;
    Handle(Geom_Curve) old = BRep_Tool::Curve(e.edge, loc, first, last);
    // The tolerance is left: STEP does not carry it, and the old one holds.
    const double tol = BRep_Tool::Tolerance(e.edge);
    BRep_Builder b;
    b.UpdateEdge(e.edge, c, tol); // c is in global coordinates, as the surfaces
    b.UpdateEdge(e.edge, c1, e.f1, tol);
    b.UpdateEdge(e.edge, c2, e.f2, tol);
    b.Range(e.edge, e.first, e.last);
    EdgeOnTwoFaces now = e;
    now.p1 = c1;
    now.p2 = c2;
    if (sampled_deviation(now) < before) return;
    b.UpdateEdge(e.edge, old, loc, tol);
    b.UpdateEdge(e.edge, e.p1, e.f1, tol);
    b.UpdateEdge(e.edge, e.p2, e.f2, tol);
    b.Range(e.edge, e.first, e.last);
}

} // namespace

void refit_intersection_edges(const TopoDS_Shape& s) {
    TopTools_IndexedDataMapOfShapeListOfShape faces_of;
    TopExp::MapShapesAndAncestors(s, TopAbs_EDGE, TopAbs_FACE, faces_of);
    for (int i = 1; i <= faces_of.Extent(); ++i) {
        EdgeOnTwoFaces e;
        e.edge = TopoDS::Edge(faces_of.FindKey(i));
        // Approximated 3D curves only: a line or a conic is exact already.
        if (BRep_Tool::Degenerated(e.edge) || !BRep_Tool::SameRange(e.edge) ||
            BRepAdaptor_Curve(e.edge).GetType() != GeomAbs_BSplineCurve)
            continue;
        for (const TopoDS_Shape& f : faces_of(i)) {
            if (e.f1.IsNull()) e.f1 = TopoDS::Face(f);
            else if (!f.IsSame(e.f1)) e.f2 = TopoDS::Face(f);
        }
        if (e.f2.IsNull() || faces_of(i).Extent() != 2 || BRep_Tool::IsClosed(e.edge, e.f1) ||
            BRep_Tool::IsClosed(e.edge, e.f2))
            continue;
        try {
            double f1a, f1b, f2a, f2b;
            e.p1 = BRep_Tool::CurveOnSurface(e.edge, e.f1, f1a, f1b);
            e.p2 = BRep_Tool::CurveOnSurface(e.edge, e.f2, f2a, f2b);
            BRep_Tool::Range(e.edge, e.first, e.last);
            if (e.p1.IsNull() || e.p2.IsNull() ||
                std::max({std::abs(f1a - e.first), std::abs(f1b - e.last), std::abs(f2a - e.first),
                          std::abs(f2b - e.last)}) > 1e-12)
                continue;
            const double before = sampled_deviation(e);
            if (before > refit_above) refit(e, before);
        } catch (const Standard_Failure&) {
            // left as it was: within its tolerance, only less precise
        }
    }
}

} // namespace lazycad::detail
