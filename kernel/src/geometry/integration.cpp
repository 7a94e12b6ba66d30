#include "geometry/integration.hpp"

#include <algorithm>
#include <cmath>

#include <BRepAdaptor_Surface.hxx>
#include <BRepGProp_Domain.hxx>
#include <BRepGProp_Face.hxx>
#include <BRepGProp_Sinert.hxx>
#include <BRepGProp_Vinert.hxx>
#include <BRepGProp_VinertGK.hxx>
#include <BRepTools.hxx>
#include <BRep_Tool.hxx>
#include <Geom2dAdaptor_Curve.hxx>
#include <Geom2d_Conic.hxx>
#include <Geom2d_Line.hxx>
#include <Geom2d_TrimmedCurve.hxx>
#include <Geom_Circle.hxx>
#include <Geom_Conic.hxx>
#include <Geom_ElementarySurface.hxx>
#include <Geom_Line.hxx>
#include <Geom_OffsetSurface.hxx>
#include <Geom_Plane.hxx>
#include <Geom_RectangularTrimmedSurface.hxx>
#include <Geom_SurfaceOfLinearExtrusion.hxx>
#include <Geom_SurfaceOfRevolution.hxx>
#include <Geom_SweptSurface.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TColStd_Array1OfReal.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Edge.hxx>
#include <math_Function.hxx>
#include <math_KronrodSingleIntegration.hxx>

namespace lazycad::detail {

Handle(Geom_Curve) basis_curve(Handle(Geom_Curve) c) {
    while (!c.IsNull() && c->IsKind(STANDARD_TYPE(Geom_TrimmedCurve)))
        c = Handle(Geom_TrimmedCurve)::DownCast(c)->BasisCurve();
    return c;
}

Handle(Geom_Surface) basis_surface(Handle(Geom_Surface) s) {
    while (!s.IsNull() && s->IsKind(STANDARD_TYPE(Geom_RectangularTrimmedSurface)))
        s = Handle(Geom_RectangularTrimmedSurface)::DownCast(s)->BasisSurface();
    return s;
}

namespace {

/// A line or a conic (circle, ellipse, hyperbola, parabola): analytic curves
/// whose integrands Gauss's rule converges on at once.
bool line_or_conic(const Handle(Geom_Curve)& c) {
    return !c.IsNull() && (c->IsKind(STANDARD_TYPE(Geom_Line)) || c->IsKind(STANDARD_TYPE(Geom_Conic)));
}

/// The same in a surface's (u, v) space.
bool line_or_conic_2d(Handle(Geom2d_Curve) c) {
    while (!c.IsNull() && c->IsKind(STANDARD_TYPE(Geom2d_TrimmedCurve)))
        c = Handle(Geom2d_TrimmedCurve)::DownCast(c)->BasisCurve();
    return !c.IsNull() && (c->IsKind(STANDARD_TYPE(Geom2d_Line)) || c->IsKind(STANDARD_TYPE(Geom2d_Conic)));
}

} // namespace

bool fixed_rule_exact(const TopoDS_Face& face) {
    TopLoc_Location loc;
    const Handle(Geom_Surface) s = basis_surface(BRep_Tool::Surface(face, loc));
    if (s.IsNull()) return false;
    bool analytic = s->IsKind(STANDARD_TYPE(Geom_ElementarySurface));
    if (const auto r = Handle(Geom_SurfaceOfRevolution)::DownCast(s))
        analytic = line_or_conic(basis_curve(r->BasisCurve()));
    else if (const auto x = Handle(Geom_SurfaceOfLinearExtrusion)::DownCast(s))
        analytic = line_or_conic(basis_curve(x->BasisCurve()));
    if (!analytic) return false;
    // The rule integrates along each edge's curve on the face: a line or a
    // conic there (a helix on a cylinder is a line in (u, v)), or the image
    // of a line or a conic in space.
    for (TopExp_Explorer e(face, TopAbs_EDGE); e.More(); e.Next()) {
        const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
        if (BRep_Tool::Degenerated(edge)) continue;
        double t0 = 0, t1 = 0;
        if (line_or_conic_2d(BRep_Tool::CurveOnSurface(edge, face, t0, t1))) continue;
        if (!line_or_conic(basis_curve(BRep_Tool::Curve(edge, loc, t0, t1)))) return false;
    }
    return true;
}

GProp_GProps volume_term(const TopoDS_Face& face, const gp_Pnt& origin, double eps, double& relative_error,
                         bool centre) {
    BRepGProp_Face props(face);
    // A face without wires is bounded by its surface's natural limits.
    const bool natural = face.NbChildren() == 0;
    BRepGProp_Domain domain;
    if (!natural) domain.Init(face);
    if (fixed_rule_exact(face)) {
        BRepGProp_Vinert term;
        term.SetLocation(origin);
        if (natural) term.Perform(props);
        else term.Perform(props, domain);
        relative_error = 1e-8; // measured: 3e-9 at worst (an ellipse-bounded face)
        return term;
    }
    TopLoc_Location loc;
    const Handle(Geom_Surface) surface = basis_surface(BRep_Tool::Surface(face, loc));
    if (!surface.IsNull() &&
        (surface->IsKind(STANDARD_TYPE(Geom_SweptSurface)) || surface->IsKind(STANDARD_TYPE(Geom_OffsetSurface)) ||
         (centre && surface->IsKind(STANDARD_TYPE(Geom_Plane))))) {
        // Without theCGFlag it integrates the volume alone: its centre would be
        // wrong. Its error control follows the volume, so a centre to `eps`
        // takes a hundredth of it (the spline prism's: 1.3e-8 off at 1e-6).
        const double tol = centre ? eps * 1e-2 : eps;
        const BRepGProp_VinertGK term = natural ? BRepGProp_VinertGK(props, origin, tol, centre)
                                                : BRepGProp_VinertGK(props, domain, origin, tol, centre);
        const double reached = term.GetErrorReached();
        relative_error = std::max(eps, std::isfinite(reached) ? reached : eps);
        return term;
    }
    // B-splines and the rest: the default adaptive rule, right on them (a
    // thread to 1e-8 of Pappus) and bounded in time on any input.
    BRepGProp_Vinert term;
    term.SetLocation(origin);
    const double reached = natural ? term.Perform(props, eps) : term.Perform(props, domain, eps);
    relative_error = std::max(eps, std::isfinite(reached) ? reached : eps);
    return term;
}

GProp_GProps volume_properties(const TopoDS_Shape& s, double eps, bool centre) {
    // Every term about one point near the shape (the mean of its vertices, as
    // BRepGProp does), so that large coordinates do not cancel digits.
    gp_XYZ sum(0, 0, 0);
    int n = 0;
    for (TopExp_Explorer e(s, TopAbs_VERTEX); e.More(); e.Next(), ++n)
        sum += BRep_Tool::Pnt(TopoDS::Vertex(e.Current())).XYZ();
    const gp_Pnt origin(n > 0 ? sum / n : sum);
    GProp_GProps props(origin);
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) {
        const TopoDS_Face& f = TopoDS::Face(e.Current());
        if (f.Orientation() != TopAbs_FORWARD && f.Orientation() != TopAbs_REVERSED) continue; // bound nothing
        double ignored = 0;
        props.Add(volume_term(f, origin, eps, ignored, centre));
    }
    return props;
}

namespace {

/// |S_u × S_v| at (u, s) along s, times 1 (`weight` 0) or the point's x, y
/// or z (1, 2, 3): the area element and the first moments' elements,
/// integrated over v.
class AreaElement : public math_Function {
public:
    AreaElement(const BRepAdaptor_Surface& surface, double u, int weight)
        : m_surface(surface), m_u(u), m_weight(weight) {}
    Standard_Boolean Value(const Standard_Real s, Standard_Real& f) override {
        gp_Pnt p;
        gp_Vec du, dv;
        m_surface.D1(m_u, s, p, du, dv);
        f = du.Crossed(dv).Magnitude() * (m_weight == 0 ? 1.0 : p.Coord(m_weight));
        return Standard_True;
    }

private:
    const BRepAdaptor_Surface& m_surface;
    double m_u;
    int m_weight;
};

/// Along a boundary pcurve: F(u(t), v(t)) u'(t), where F(u, v) is the
/// element integrated over v from `v0`. By Green's theorem, the integral of
/// these around the face's boundary is minus the element's integral over
/// the face.
class BoundaryTerm : public math_Function {
public:
    BoundaryTerm(const BRepAdaptor_Surface& surface, const Geom2dAdaptor_Curve& curve, double v0, int weight,
                 double eps)
        : m_surface(surface), m_curve(curve), m_v0(v0), m_weight(weight), m_eps(eps) {}
    Standard_Boolean Value(const Standard_Real t, Standard_Real& f) override {
        gp_Pnt2d p;
        gp_Vec2d d;
        m_curve.D1(t, p, d);
        f = 0;
        if (d.X() == 0 || p.Y() == m_v0) return Standard_True;
        AreaElement element(m_surface, p.X(), m_weight);
        math_KronrodSingleIntegration inner(element, m_v0, p.Y(), 15, m_eps, 50);
        if (!inner.IsDone()) return Standard_False;
        f = inner.Value() * d.X();
        return Standard_True;
    }

private:
    const BRepAdaptor_Surface& m_surface;
    const Geom2dAdaptor_Curve& m_curve;
    double m_v0;
    int m_weight;
    double m_eps;
};

/// The area (`weight` 0) or a first moment (1, 2, 3: ∫x, ∫y, ∫z dA) of
/// `face`, by Green's theorem, up to a sign that is the same for all four.
double green_integral(const TopoDS_Face& face, int weight, double relative) {
    // Each of the nested integrals a hundred times finer than the result must be.
    const double eps = relative * 1e-2;
    const TopoDS_Face f = TopoDS::Face(face.Oriented(TopAbs_FORWARD));
    BRepAdaptor_Surface surface(f, /*Restriction=*/false);
    double u0, u1, v0, v1;
    BRepTools::UVBounds(f, u0, u1, v0, v1);
    if (f.NbChildren() == 0) {
        // Natural bounds: the rectangle's bottom side forwards, its top backwards.
        Handle(Geom2d_Line) bottom = new Geom2d_Line(gp_Pnt2d(u0, v0), gp::DX2d());
        Handle(Geom2d_Line) top = new Geom2d_Line(gp_Pnt2d(u0, v1), gp::DX2d());
        Geom2dAdaptor_Curve b(bottom, 0, u1 - u0), t(top, 0, u1 - u0);
        BoundaryTerm tb(surface, b, v0, weight, eps), tt(surface, t, v0, weight, eps);
        math_KronrodSingleIntegration ib(tb, 0, u1 - u0, 15, eps, 50), it(tt, 0, u1 - u0, 15, eps, 50);
        if (!ib.IsDone() || !it.IsDone()) throw Standard_Failure("the area integration did not converge");
        return it.Value() - ib.Value();
    }
    double sum = 0;
    for (TopExp_Explorer e(f, TopAbs_EDGE); e.More(); e.Next()) {
        const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
        double t0 = 0, t1 = 0;
        const Handle(Geom2d_Curve) pcurve = BRep_Tool::CurveOnSurface(edge, f, t0, t1);
        if (pcurve.IsNull()) throw Standard_Failure("an edge without a curve on its face");
        Geom2dAdaptor_Curve c(pcurve, t0, t1);
        BoundaryTerm term(surface, c, v0, weight, eps);
        // Split at the pcurve's own breaks, where the integrand is less smooth.
        const int spans = std::max(1, c.NbIntervals(GeomAbs_C2));
        TColStd_Array1OfReal breaks(1, spans + 1);
        c.Intervals(breaks, GeomAbs_C2);
        double edge_sum = 0;
        for (int i = 1; i <= spans; ++i) {
            math_KronrodSingleIntegration k(term, breaks(i), breaks(i + 1), 15, eps, 50);
            if (!k.IsDone()) throw Standard_Failure("the area integration did not converge");
            edge_sum += k.Value();
        }
        sum += edge.Orientation() == TopAbs_REVERSED ? -edge_sum : edge_sum;
    }
    return sum;
}

} // namespace

SurfaceProperties surface_properties(const TopoDS_Shape& s, double eps, bool centre) {
    double area = 0;
    gp_XYZ moment(0, 0, 0);
    for (TopExp_Explorer e(s, TopAbs_FACE); e.More(); e.Next()) {
        const TopoDS_Face& f = TopoDS::Face(e.Current());
        if (fixed_rule_exact(f)) {
            BRepGProp_Face props(f);
            BRepGProp_Sinert term;
            if (f.NbChildren() == 0) {
                term.Perform(props);
            } else {
                BRepGProp_Domain domain(f);
                term.Perform(props, domain);
            }
            area += term.Mass();
            moment += term.CentreOfMass().XYZ() * term.Mass();
        } else {
            const double a = green_integral(f, 0, eps), sign = a < 0 ? -1 : 1;
            area += sign * a;
            if (centre)
                moment += gp_XYZ(green_integral(f, 1, eps), green_integral(f, 2, eps), green_integral(f, 3, eps)) * sign;
        }
    }
    return {area, centre && area > 0 ? gp_Pnt(moment / area) : gp::Origin()};
}

} // namespace lazycad::detail
