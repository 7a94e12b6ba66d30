#pragma once
// Argument checks made before a node is created. Every message names the
// operation and the parameter. (Checks of what OCCT returns are in
// geometry/results.hpp.)

#include <string>

#include "lazycad/error.hpp"

namespace lazycad::detail {

/// Throw "op: parameter 'param' <what>".
[[noreturn]] void fail(const std::string& op, const std::string& param, const std::string& what);

void require_positive(const char* op, const char* param, double v);
void require_non_negative(const char* op, const char* param, double v);
/// Throw "op: parameter 'param' <what>" unless `ok`.
void require(bool ok, const char* op, const char* param, const std::string& what);

} // namespace lazycad::detail
