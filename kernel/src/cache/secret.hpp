#pragma once
// The secret that authenticates cache entries (HMAC-SHA256, cache/entry.hpp).
//   LAZYCAD_CACHE_SECRET        the secret itself
//   LAZYCAD_CACHE_SECRET_FILE   a file holding it (one trailing newline ignored);
//                               used when LAZYCAD_CACHE_SECRET is unset or empty
// Neither set: entries are checked by their SHA-256 only.

#include <optional>

#include "cache/entry.hpp"

namespace lazycad::detail {

/// The configured secret, or nullopt. Throws std::runtime_error when one is
/// configured but unusable (an unreadable or empty key file): running without
/// authentication then would silently trust what the user asked us to check.
std::optional<CacheSecret> configured_secret();

} // namespace lazycad::detail
