#pragma once
// How lazycad integrates volumes and areas over faces (measurements and the
// booleans' volume bounds). OCCT 7.6's default adaptive rule is wrong on
// surfaces of revolution and extrusion while reporting a tiny error; measured
// against closed forms at eps 1e-6: an extruded closed spline 5.5 % off in
// volume and 1.5 % in area, a half ellipsoid 1.45e-5, models/cup.cpp 6.2e-6.
// So, per face:
// - the fixed Gauss rule where it is exact (analytic surfaces and
//   boundaries: the ellipsoid to 1e-16);
// - Gauss-Kronrod (BRepGProp_VinertGK) on the other surfaces of revolution
//   and extrusion and on offset surfaces (the spline prism to 6e-9, the cup
//   to 1.2e-8; a shell's offset face moved its volume by 2e-5 with the point
//   the terms are taken about under the default rule), and for a centre of
//   mass on planes with curved edges too (the default rule put the spline
//   prism's centre 2e-5 off, its volume right);
// - the default adaptive rule on the rest, B-spline surfaces above all, where
//   it is right (a thread to 1e-8 of Pappus) and, unlike Gauss-Kronrod,
//   quick on any input (a damaged entry's surfaces).
// Areas of non-analytic faces by Green's theorem with nested Gauss-Kronrod
// (OCCT has no Gauss-Kronrod area).

#include <GProp_GProps.hxx>
#include <Geom_Curve.hxx>
#include <Geom_Surface.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>
#include <gp_Pnt.hxx>

namespace lazycad::detail {

/// The basis curve of an edge's 3D curve, under any trimming.
Handle(Geom_Curve) basis_curve(Handle(Geom_Curve) c);

/// The basis surface of a face's surface, under any rectangular trimming.
Handle(Geom_Surface) basis_surface(Handle(Geom_Surface) s);

/// Whether BRepGProp's fixed Gauss rule integrates `face` to ~1e-9 or
/// better: an elementary surface (plane, cylinder, cone, sphere, torus) or a
/// surface of revolution or extrusion of a conic, bounded by lines and
/// conics in space or in the face's (u, v) (a helix on a cylinder). Measured
/// against closed forms (tests/test_measure.cpp, tests/test_thread.cpp).
bool fixed_rule_exact(const TopoDS_Face& face);

/// The term of `face` (as oriented) in the divergence-theorem sum of a
/// volume, about `origin`, by the rule above that suits the face, to `eps`;
/// with `centre`, its first moments too (its centre of mass is right).
/// `relative_error` is set to a bound on the term's error relative to its
/// value.
GProp_GProps volume_term(const TopoDS_Face& face, const gp_Pnt& origin, double eps, double& relative_error,
                         bool centre = false);

/// Volume (and with `centre` its centre of mass) of the solids of `s`, from
/// its faces (volume_term), to the relative accuracy `eps`.
GProp_GProps volume_properties(const TopoDS_Shape& s, double eps, bool centre);

/// The area of the faces of `s` and, with `centre`, its centre (else the
/// origin): the fixed rule where it is exact (fixed_rule_exact), else Green's
/// theorem along each face's boundary with nested adaptive Gauss-Kronrod, to
/// the relative accuracy `eps`.
struct SurfaceProperties {
    double area;
    gp_Pnt centre;
};
SurfaceProperties surface_properties(const TopoDS_Shape& s, double eps, bool centre);

} // namespace lazycad::detail
