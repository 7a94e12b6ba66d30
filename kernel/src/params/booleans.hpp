#pragma once
// Parameters of the booleans and split.
// Written by ops/booleans.cpp, read by geometry/booleans.cpp (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"
#include "lazycad/shape.hpp"

namespace lazycad::detail::params {

namespace boolean {
inline constexpr char union_op[] = "union";
inline constexpr char difference_op[] = "difference";
inline constexpr char intersection_op[] = "intersection";
inline constexpr char union_all_op[] = "union_all";
/// Set by Shape::allow_empty() on a difference, intersection or hole; absent otherwise.
inline constexpr ParamKey<bool> allow_empty{"allow_empty"};
/// Set on a union of a thread seated on its core (ops/thread_seat.hpp): fused
/// with OCCT's glue option; absent otherwise.
inline constexpr ParamKey<bool> glue{"glue"};
} // namespace boolean

namespace split {
inline constexpr char op[] = "split";
inline constexpr ParamKey<Point> origin{"origin"};
inline constexpr ParamKey<Vec> normal{"normal"};
inline constexpr EnumKey<Keep, 3> keep{
    "keep", {{{Keep::above, "above"}, {Keep::below, "below"}, {Keep::both, "both"}}}};
} // namespace split

} // namespace lazycad::detail::params
