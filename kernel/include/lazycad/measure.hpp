#pragma once
// Geometric measurements; each evaluates the shape (through the caches) first.
// Without EvalOptions, a measurement made while a model script runs uses the
// run's options (its --cache-dir, --jobs, cancel) and its evaluation counts in
// the run's statistics (--stats); outside a run, the defaults.

#include <vector>

#include "evaluate.hpp"
#include "geometry.hpp"
#include "shape.hpp"

namespace lazycad {

/// Volume in mm³ (relative accuracy 1e-6).
double volume(const Shape& s);
double volume(const Shape& s, const EvalOptions& o);
/// Surface area in mm².
double area(const Shape& s);
double area(const Shape& s, const EvalOptions& o);
/// Tight axis-aligned bounding box.
BoundingBox bounding_box(const Shape& s);
BoundingBox bounding_box(const Shape& s, const EvalOptions& o);
/// The validity policy's verdict: BRepCheck_Analyzer accepts the result and
/// each solid in it has a positive volume. False rather than an Error.
bool is_valid(const Shape& s);
bool is_valid(const Shape& s, const EvalOptions& o);
/// Number of solids in the result.
int solid_count(const Shape& s);
int solid_count(const Shape& s, const EvalOptions& o);
/// Number of distinct faces / edges in the result (CadQuery's
/// `.faces().size()`, build123d's `len(part.faces())`).
int face_count(const Shape& s);
int face_count(const Shape& s, const EvalOptions& o);
int edge_count(const Shape& s);
int edge_count(const Shape& s, const EvalOptions& o);
/// Centre of mass in mm: of the volume if the result holds solids, else of
/// the area of its faces, else of the length of its edges (uniform density).
/// Throws Error (op "center_of_mass") for a result with none of these.
Point center_of_mass(const Shape& s);
Point center_of_mass(const Shape& s, const EvalOptions& o);
/// Where the infinite line through `origin` along `direction` meets the
/// result's faces, ordered along `direction` (build123d's
/// find_intersection_points). Empty if it misses. Throws Error (op
/// "intersections", parameter "direction") for a zero direction.
std::vector<Point> intersections(const Shape& s, Point origin, Vec direction);
std::vector<Point> intersections(const Shape& s, Point origin, Vec direction,
                                 const EvalOptions& o);

} // namespace lazycad
