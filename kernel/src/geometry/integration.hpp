#pragma once
// How lazycad integrates volumes over faces (measurements and the booleans'
// volume bounds): BRepGProp's fixed Gauss rule where it is exact, adaptive
// Gauss-Kronrod (BRepGProp_VinertGK) elsewhere. Not BRepGProp's default
// adaptive rule: in OCCT 7.6 it is wrong on surfaces of revolution and
// extrusion while reporting a tiny error. Measured against closed forms at
// eps 1e-6: an extruded closed spline 5.5 % off (Gauss-Kronrod: 6e-9), a
// half ellipsoid 1.45e-5 (the fixed rule: 1e-16), models/cup.cpp 6.2e-6
// (Gauss-Kronrod: 1.2e-8); left-hand thread turns whose pcurves ran towards
// -u 3.5e-4 at eps 1e-4. Areas likewise (surface_area).

#include <GProp_GProps.hxx>
#include <Geom_Curve.hxx>
#include <Geom_Surface.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>

namespace lazycad::detail {

/// The basis curve of an edge's 3D curve, under any trimming.
Handle(Geom_Curve) basis_curve(Handle(Geom_Curve) c);

/// The basis surface of a face's surface, under any rectangular trimming.
Handle(Geom_Surface) basis_surface(Handle(Geom_Surface) s);

/// Whether BRepGProp's fixed Gauss rule integrates `face` to ~1e-9 or
/// better: an elementary surface (plane, cylinder, cone, sphere, torus) or a
/// surface of revolution or extrusion of a conic, bounded by lines and
/// conics. Measured against closed forms (tests/test_measure.cpp).
bool fixed_rule_exact(const TopoDS_Face& face);

/// The term of `face` (as oriented) in the divergence-theorem sum of a
/// volume, about `origin`: the fixed rule where it is exact, else adaptive
/// Gauss-Kronrod to `eps`. `relative_error` is set to a bound on the term's
/// error relative to its value.
GProp_GProps volume_term(const TopoDS_Face& face, const gp_Pnt& origin, double eps, double& relative_error);

/// Volume, centre of mass and inertia of the solids of `s`, from its faces:
/// the fixed rule where it is exact (fixed_rule_exact), else Gauss-Kronrod
/// to the relative accuracy `eps`.
GProp_GProps volume_properties(const TopoDS_Shape& s, double eps);

/// The area of the faces of `s`: the fixed rule where it is exact
/// (fixed_rule_exact), else Green's theorem along the face's boundary with
/// nested adaptive Gauss-Kronrod, to the relative accuracy `eps`. (BRepGProp's
/// area of an extruded closed spline is 1.5 % off at eps 1e-6 in OCCT 7.6,
/// and it has no Gauss-Kronrod variant for areas.)
double surface_area(const TopoDS_Shape& s, double eps);

} // namespace lazycad::detail
