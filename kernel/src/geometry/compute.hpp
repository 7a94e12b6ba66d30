#pragma once
// How the geometry library learns the compute function of each built-in
// operation: one `const Compute` per operation, named like its OpDef in
// src/ops/ (the same file name there holds the operation's arguments checks,
// version and cost).

#include <string_view>

#include "graph/node.hpp"

namespace lazycad::detail {

struct Compute {
    Compute(const char* op, ComputeFnPtr fn);
};

/// The registered compute function of `op`, or nullptr.
ComputeFnPtr find_compute(std::string_view op);

} // namespace lazycad::detail
