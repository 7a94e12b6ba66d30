#pragma once
// Tools over the directory cache (`lazycad cache ...`).

#include <cstdint>
#include <map>
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
/// Evict entries not used for `seconds` (a hit refreshes an entry). Returns how many.
std::size_t cache_evict_older_than(const CacheOptions& cache, std::int64_t seconds);

/// A cache folder's counters since they were last zeroed, as `lazycad cache
/// stats` shows them. Every evaluation adds its figures (under a lock in the
/// folder: concurrent processes add up, none is lost).
struct CacheCounters {
    std::int64_t since = 0;          ///< when they were zeroed (seconds since the epoch)
    std::uint64_t evaluations = 0;   ///< evaluations that looked at the folder
    std::uint64_t local_hits = 0;    ///< nodes loaded from the folder
    std::uint64_t remote_hits = 0;   ///< nodes loaded from the remote cache
    std::uint64_t misses = 0;        ///< nodes looked up and found nowhere
    std::uint64_t computed = 0;      ///< nodes computed (cheap ones too)
    std::uint64_t stored = 0;        ///< entries written to the folder
    std::uint64_t remote_stored = 0; ///< entries uploaded
    std::uint64_t remote_errors = 0; ///< failed remote calls
    std::uint64_t cleanups = 0;      ///< automatic trims to max_size
    std::uint64_t evicted = 0;       ///< entries those trims removed
};
CacheCounters cache_counters(const CacheOptions& cache);
/// Zero the counters (`lazycad cache stats --zero`).
void cache_zero_counters(const CacheOptions& cache);

/// The folder's persistent settings (`lazycad cache config`), kept in
/// `lazycad.conf` in the folder. Known: `max_size` (e.g. "2G"; "0": no limit),
/// checked after each evaluation: past it, the least recently used entries
/// are evicted down to 90% of it.
std::map<std::string, std::string> cache_config(const CacheOptions& cache);
/// Set one setting; an empty value removes it. Throws Error for an unknown
/// name or a bad value.
void cache_set_config(const CacheOptions& cache, const std::string& name, const std::string& value);
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
