#include "ops/checks.hpp"

#include <cmath>

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

void require_length(const char* op, const char* param, double v) {
    require_positive(op, param, v);
    if (!(v >= min_length && v <= max_length))
        fail(op, param, fmt::format("must be between {:g} mm and {:g} mm (got {})", min_length,
                                    max_length, v));
}

void require_length_or_zero(const char* op, const char* param, double v) {
    require_non_negative(op, param, v);
    if (v != 0) require_length(op, param, v);
}

void require_signed_length(const char* op, const char* param, double v) {
    if (v == 0) fail(op, param, fmt::format("must be non-zero (got {})", v));
    if (!(std::abs(v) >= min_length && std::abs(v) <= max_length))
        fail(op, param, fmt::format("must be between {:g} mm and {:g} mm in size (got {})",
                                    min_length, max_length, v));
}

void require_position(const char* op, const char* param, double x, double y, double z) {
    for (double c : {x, y, z})
        if (!(std::abs(c) <= max_length))
            fail(op, param, fmt::format("must be finite and within ±{:g} mm (got ({}, {}, {}))",
                                        max_length, x, y, z));
}

void require_count(const char* op, const char* param, long long n, long long min) {
    if (n < min) fail(op, param, fmt::format("must be at least {} (got {})", min, n));
    if (n > max_count) fail(op, param, fmt::format("must be at most {} (got {})", max_count, n));
}

void require(bool ok, const char* op, const char* param, const std::string& what) {
    if (!ok) fail(op, param, what);
}

} // namespace lazycad::detail
