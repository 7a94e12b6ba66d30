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

// Sane bounds. Lengths (sizes, radii, distances, depths) lie in
// [min_length, max_length] mm: below 1e-6 mm OCCT's tolerances (1e-7) swallow
// the geometry, above 1e7 mm (10 km) doubles no longer hold a micrometre and
// volumes overflow to infinity. Positions and offsets are finite and within
// ±max_length. Counts (copies, sides, points, characters) are at most
// max_count: more would hang making the nodes, or OCCT computing them.
inline constexpr double min_length = 1e-6;
inline constexpr double max_length = 1e7;
inline constexpr int max_count = 10000;

/// A positive length within [min_length, max_length].
void require_length(const char* op, const char* param, double v);
/// 0, or a length within [min_length, max_length].
void require_length_or_zero(const char* op, const char* param, double v);
/// A non-zero signed length: |v| within [min_length, max_length].
void require_signed_length(const char* op, const char* param, double v);
/// Finite coordinates within ±max_length.
void require_position(const char* op, const char* param, double x, double y, double z = 0);
/// A count within [min, max_count].
void require_count(const char* op, const char* param, long long n, long long min);
void require_non_negative(const char* op, const char* param, double v);
/// Throw "op: parameter 'param' <what>" unless `ok`.
void require(bool ok, const char* op, const char* param, const std::string& what);

} // namespace lazycad::detail
