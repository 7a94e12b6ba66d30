#pragma once
// Tools over the directory cache (`lazycad cache ...`).

#include <cstdint>
#include <string>
#include <vector>

#include "evaluate.hpp"
#include "key.hpp"

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

} // namespace lazycad
