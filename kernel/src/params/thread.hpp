#pragma once
// Parameters of thread.
// Written by ops/thread.cpp, read by geometry/thread.cpp (see graph/param_key.hpp).
// The names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"
#include "lazycad/thread.hpp"

namespace lazycad::detail::params::thread {

inline constexpr char op[] = "thread";
inline constexpr ParamKey<double> diameter{"diameter"}, pitch{"pitch"}, length{"length"},
    clearance{"clearance"};
inline constexpr ParamKey<bool> internal{"internal"}, left_hand{"left_hand"};
inline constexpr EnumKey<ThreadEnd, 3> start{"start",
                                             {{{ThreadEnd::square, "square"},
                                               {ThreadEnd::chamfered, "chamfered"},
                                               {ThreadEnd::faded, "faded"}}}};
inline constexpr EnumKey<ThreadEnd, 3> end{"end", start.names};

} // namespace lazycad::detail::params::thread
