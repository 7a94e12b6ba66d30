#include "ops/checks.hpp"

#include <fmt/format.h>

#include "graph/origin.hpp"

namespace lazycad::detail {

void fail(const std::string& op, const std::string& param, const std::string& what) {
    Error e(op, param, fmt::format("{}: parameter '{}' {}", op, param, what));
    e.set_origin(calling_code()); // at compute time the evaluator names the node's origin instead
    throw e;
}

void require_positive(const char* op, const char* param, double v) {
    if (!(v > 0)) fail(op, param, fmt::format("must be positive (got {})", v));
}

void require_non_negative(const char* op, const char* param, double v) {
    if (!(v >= 0)) fail(op, param, fmt::format("must not be negative (got {})", v));
}

void require(bool ok, const char* op, const char* param, const std::string& what) {
    if (!ok) fail(op, param, what);
}

} // namespace lazycad::detail
