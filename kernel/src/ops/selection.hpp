#pragma once
// What a feature taking a selection needs from it when its node is made.

#include <vector>

#include "lazycad/shape.hpp"

namespace lazycad::detail {

/// The parents of a feature on `shape` using `selection`: `shape`, then, when
/// the selection asks for edges::created(), the inputs of the operation that
/// made `shape` (compared against at compute time). Without created() the
/// parents, and so the key, are what they always were. Throws Error when
/// created() is asked of a shape made from no other shape.
std::vector<Shape> with_selection_inputs(const Shape& shape, const Value& selection);

} // namespace lazycad::detail
