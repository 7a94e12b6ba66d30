#pragma once
// The directory cache: one verified file per node key, sharded by the first two
// hex digits of the key, shared safely by concurrent processes.
//
// Entry layout (little-endian):
//   magic "LZCDNODE" | u32 format version | 32-byte key | u32 record length |
//   u64 payload length | 32-byte SHA-256 of (record + payload) |
//   record (JSON text: operation, parameters, parents, compute time) |
//   payload (OCCT binary BRep).

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

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
    static std::unique_ptr<DirectoryStore> open(const std::filesystem::path& root);

    const std::filesystem::path& root() const { return m_root; }
    std::filesystem::path entry_path(const NodeKey& key) const;

    /// Load and verify an entry. A bad entry is a miss: it is removed and a
    /// warning names it. Counts bytes_read / load_ms into `stats`. If `record`
    /// is given, it receives the entry's JSON record (the evaluator reads the
    /// validity verdict there).
    std::optional<TopoDS_Shape> load(const NodeKey& key, Stats& stats,
                                     std::string* record = nullptr);
    bool contains(const NodeKey& key) const;
    /// Publish atomically. A failure to write (full disk, read-only folder)
    /// warns once and turns further stores off; it never fails the evaluation.
    void store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
               Stats& stats);

    // --- tools: `lazycad cache ...` ---------------------------------------------
    std::vector<EntryInfo> list() const;
    /// Verify every entry, removing bad ones; returns how many were bad.
    std::size_t verify();
    /// Remove least recently used entries until the total is at most `max_bytes`.
    /// Returns the number removed. Also removes stale temporary files.
    std::size_t gc(std::uint64_t max_bytes);
    void clear();

private:
    explicit DirectoryStore(std::filesystem::path root) : m_root(std::move(root)) {}
    std::filesystem::path objects_dir() const { return m_root / "objects"; }

    std::filesystem::path m_root;
    std::atomic<bool> m_store_failed{false};
};

/// Serialise / parse the binary entry (exposed for tests and tools).
std::string encode_entry(const NodeKey& key, const std::string& record, const std::string& payload);
/// Returns an empty optional and sets `why` if the bytes are not a valid entry for `key`.
struct DecodedEntry {
    std::string record;
    std::string_view payload;
};
std::optional<DecodedEntry> decode_entry(const NodeKey& key, std::string_view bytes,
                                         std::string& why);

} // namespace lazycad::detail
