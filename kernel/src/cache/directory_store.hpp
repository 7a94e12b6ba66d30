#pragma once
// The directory cache: one verified file per node key, sharded by the first two
// hex digits of the key, shared safely by concurrent processes. The entry
// format (header, digest, MAC, payload) is in cache/entry.hpp.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "cache/entry.hpp"
#include "lazycad/evaluate.hpp"
#include "lazycad/key.hpp"

namespace lazycad::detail {

struct EntryInfo {
    NodeKey key;
    std::filesystem::path path;
    std::uint64_t size = 0;
    std::filesystem::file_time_type last_used;
    std::string record; ///< the entry's JSON record, empty if unreadable
};

class DirectoryStore {
public:
    /// Open (creating if needed) the cache at `root`. Returns nullptr and warns
    /// once when the folder cannot be used; the caller then runs without a cache.
    /// A folder that exists but cannot be written (read-only, full) is opened
    /// read-only: hits are served, one warning says nothing will be stored.
    /// A folder owned by another user or writable by group or others gets a
    /// warning: whoever can write it can plant entries.
    /// With a `secret`, entries are written with an HMAC-SHA256 and an entry
    /// without this secret's MAC is never served.
    static std::unique_ptr<DirectoryStore> open(const std::filesystem::path& root,
                                                std::optional<CacheSecret> secret = std::nullopt);

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path entry_path(const NodeKey& key) const;

    /// Load and verify an entry. A bad entry (unsound bytes, a payload that does
    /// not parse) is a miss: it is removed and a warning names it. An entry of
    /// another format version is a quiet miss, left in place. With a secret,
    /// a sound entry without a valid MAC is a miss with a warning but is left in
    /// place (another user of a shared folder may have written it without the
    /// secret); the recomputed result replaces it. Counts bytes_read / load_ms.
    /// If `record` is given, it receives the entry's JSON record (the
    /// evaluator reads the validity verdict there).
    std::optional<TopoDS_Shape> load(const NodeKey& key, Stats& stats,
                                     std::string* record = nullptr);
    /// Whether an entry exists (with a secret: one carrying its MAC).
    bool contains(const NodeKey& key) const;
    /// Publish atomically. It never fails the evaluation. A failure that will
    /// recur (no space, quota, read-only, permission) warns once and turns
    /// further stores off; any other failure warns and skips this entry.
    void store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
               Stats& stats);
    /// Publish an entry already encoded (`head` then `payload`, as
    /// encode_entry and write_payload make them), with store()'s failure
    /// policy: a new result, or a remote entry verified and copied here.
    void store_encoded(const NodeKey& key, const std::string& head, std::string_view payload,
                       Stats& stats);
    /// The secret entries are written and checked with, or nullptr.
    const CacheSecret* secret() const { return m_secret ? &*m_secret : nullptr; }

    // --- tools: `lazycad cache ...` ---------------------------------------------
    /// Every entry, or those whose key's hex starts with `hex_prefix` (lower
    /// case): then only the prefix's shard folder is read.
    std::vector<EntryInfo> list(std::string_view hex_prefix = {}) const;
    /// Verify every entry (header, digest, key, the payload parses; with a
    /// secret, the MAC), removing bad ones; returns how many were bad.
    std::size_t verify();
    bool read_only() const { return m_store_failed; }
    /// Remove least recently used entries until the total is at most `max_bytes`.
    /// Returns the number removed (and the bytes left in `remaining`). Also
    /// removes stale temporary files.
    std::size_t gc(std::uint64_t max_bytes, std::uint64_t* remaining = nullptr);
    /// Remove entries not used for `seconds` (a hit refreshes an entry's
    /// mtime). Returns the number removed.
    std::size_t evict_older_than(std::int64_t seconds);
    void clear();

private:
    DirectoryStore(std::filesystem::path root, std::optional<CacheSecret> secret)
        : m_root(std::move(root)), m_secret(std::move(secret)) {}
    std::filesystem::path objects_dir() const { return m_root / "objects"; }
    void warn_about_ownership() const;

    std::filesystem::path m_root;
    std::optional<CacheSecret> m_secret;
    std::atomic<bool> m_store_failed{false};
};

} // namespace lazycad::detail
