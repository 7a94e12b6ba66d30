#pragma once
// The validity policy: every result that leaves lazycad (a root of an
// evaluation: displayed, exported, measured, returned by occt_shape) is checked
// once, before it is first stored (BRepCheck, and a positive volume for each
// solid). The verdict is kept for this process here and in the entry's record
// (field `valid`), so a hit, from memory or from disk, is never checked again.

#include <string>

#include <vector>

#include "lazycad/evaluate.hpp"
#include "lazycad/key.hpp"

namespace lazycad::detail {

/// The field of an entry's JSON record that says its shape passed the check.
inline constexpr const char* record_valid_field = "valid";

/// False only while LAZYCAD_BENCH_NO_VALIDITY=1 is set: the benchmarks measure
/// what the policy costs with it. Read on each call (cheap next to a check).
bool validity_policy_on();

/// Whether the result of `key` passed the check in this process (or was
/// loaded from an entry whose record says it did). Thread-safe.
bool known_valid(const NodeKey& key);
void mark_valid(const NodeKey& key);
/// With clear_memory_cache(): tests then see what a new process would.
void forget_verdicts();

/// evaluate() without the policy on the roots (inner checks still run): for
/// is_valid(), which reports the verdict instead of raising it.
Stats evaluate_unchecked(const std::vector<Shape>& roots, const EvalOptions& options);

} // namespace lazycad::detail
