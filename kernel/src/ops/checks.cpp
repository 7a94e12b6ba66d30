#include "ops/checks.hpp"

#include <fmt/format.h>

namespace lazycad::detail {

void fail(const std::string& op, const std::string& param, const std::string& what) {
    throw Error(op, param, fmt::format("{}: parameter '{}' {}", op, param, what));
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
