#pragma once
// Whether a union is a thread seated on its core (ops/thread.cpp): the
// external tooth's base lies on the cylinder of the minor diameter, so
// `cylinder(d1/2, L) + thread` only touches, and OCCT's glue option
// (BOPAlgo_GlueShift) fuses it exactly and several times faster than a
// boolean that intersects every flank with the core.

#include "lazycad/shape.hpp"

namespace lazycad::detail {

/// True when `thread` is an external thread node and `core` a cylinder node
/// (not centred) of its minor radius, at least as long, both untransformed.
bool thread_seated_on(const Shape& thread, const Shape& core);

} // namespace lazycad::detail
