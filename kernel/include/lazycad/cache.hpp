#pragma once
// Tools over the directory cache (`lazycad cache ...`).

#include <cstdint>
#include <string>
#include <vector>

#include "evaluate.hpp"
#include "key.hpp"
#include "shape.hpp"

namespace lazycad {

struct CacheEntry {
    NodeKey key;
    std::string path;
    std::uint64_t size = 0;      ///< bytes on disk
    std::int64_t last_used = 0;  ///< seconds since the epoch (mtime, refreshed on every hit)
    std::string record;          ///< JSON: operation, params, parents, compute_ms
};

/// The cache root in use; throws Error if caching is off or unusable.
std::string cache_root(const CacheOptions& cache);
std::vector<CacheEntry> cache_list(const CacheOptions& cache);
/// Check every entry (header, digest, key echo, the payload parses; with a secret,
/// the MAC); bad ones are removed. Returns how many.
std::size_t cache_verify(const CacheOptions& cache);
/// Evict least recently used entries until at most `max_bytes` remain. Returns how many.
std::size_t cache_gc(const CacheOptions& cache, std::uint64_t max_bytes);
/// Remove every entry (compiled scripts too).
void cache_clear(const CacheOptions& cache);

/// The entries whose key starts with `hex_prefix` (lower or upper case hex).
/// Throws Error for a prefix that is not hex.
std::vector<CacheEntry> cache_find(const CacheOptions& cache, const std::string& hex_prefix);

/// A duration as people write it: "90" or "90s", "30m", "12h", "7d", "2w"; in
/// seconds. Throws Error naming `what` (e.g. "ttl") for anything else.
std::int64_t parse_duration(const std::string& text, const std::string& what);
/// A size: "500", "500k", "20M", "2G", "1T" (powers of 1024, as ccache's
/// max_size reads them); in bytes. Throws Error naming `what`.
std::uint64_t parse_size(const std::string& text, const std::string& what);

/// A lazy shape that loads the entry `key` from the cache (for `lazycad cache
/// get` and overrides): no model runs. Evaluating it throws Error when the
/// entry is gone or bad. Kept in memory only (it is already on disk).
Shape cached_entry(const NodeKey& key, const CacheOptions& cache);

} // namespace lazycad
