#pragma once
// Geometric measurements; each evaluates the shape (through the caches) first.

#include "evaluate.hpp"
#include "geometry.hpp"
#include "shape.hpp"

namespace lazycad {

/// Volume in mm³ (relative accuracy 1e-6).
double volume(const Shape& s, const EvalOptions& o = {});
/// Surface area in mm².
double area(const Shape& s, const EvalOptions& o = {});
/// Tight axis-aligned bounding box.
BoundingBox bounding_box(const Shape& s, const EvalOptions& o = {});
/// The validity policy's verdict: BRepCheck_Analyzer accepts the result and
/// each solid in it has a positive volume. False rather than an Error.
bool is_valid(const Shape& s, const EvalOptions& o = {});
/// Number of solids in the result.
int solid_count(const Shape& s, const EvalOptions& o = {});

} // namespace lazycad
