#pragma once
// The storage layers behind the evaluator's memory cache: the local folder,
// then a remote backend. A remote hit is verified exactly as a local entry
// (verify_entry: format, digest, the MAC with a secret) and copied into the
// folder; new results go to both. A remote that fails once (timeout, lost,
// refused) is skipped for the rest of the process with one warning.
// Compiled scripts never come through here: they are not shared.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "cache/directory_store.hpp"
#include "lazycad/remote.hpp"

namespace lazycad::detail {

class CacheStorage {
public:
    /// `local` may be null (an unusable folder): the remote is then used alone.
    /// `remote_read_only`: hits are served, nothing is written to the remote
    /// (laptops read what CI writes).
    CacheStorage(std::shared_ptr<DirectoryStore> local, std::shared_ptr<RemoteBackend> remote,
                 std::optional<CacheSecret> secret, bool remote_read_only = false);

    /// Local folder first (disk_hits), then the remote (remote_hits).
    std::optional<TopoDS_Shape> load(const NodeKey& key, Stats& stats, std::string* record = nullptr);
    /// The local folder only (disk_hits).
    std::optional<TopoDS_Shape> load_local(const NodeKey& key, Stats& stats, std::string* record);
    /// The remote only, for several keys at once: the requests run in
    /// parallel (up to 8), each hit is verified and copied into the folder as
    /// load() does. One result (and record) per key; nullopt is a miss.
    std::vector<std::optional<TopoDS_Shape>> load_remote(const std::vector<NodeKey>& keys, Stats& stats,
                                                         std::vector<std::string>& records);
    /// Local entries the remote may lack (computed before it was configured,
    /// or on a laptop): one HEAD per key, in parallel, then a PUT of the
    /// folder's bytes for each missing one. Nothing when read-only.
    void upload_missing(const std::vector<NodeKey>& keys, Stats& stats);
    /// A remote is configured and has not failed in this process.
    bool remote_usable() const { return m_remote && !m_remote_failed.load(); }
    /// Whether the local folder holds the entry (the remote is not asked).
    bool contains(const NodeKey& key) const;
    /// Encode once, write to the folder and to the remote.
    void store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
               Stats& stats);
    /// store() in two steps, for the evaluator's store policy, which weighs
    /// the payload's size first: the BinTools bytes (nullopt, with a warning,
    /// when OCCT cannot write the shape), then the entry made of them.
    std::optional<std::string> payload_of(const NodeKey& key, const TopoDS_Shape& shape);
    void store_payload(const NodeKey& key, const std::string& record, const std::string& payload,
                       Stats& stats);

    /// Before computing an expensive node missing everywhere: take the
    /// remote's lease on it (`leased` = true: compute, then release()), or,
    /// while another client holds it, poll for its entry with backoff and
    /// return it (a remote hit). Nothing (compute) without a usable remote,
    /// when read-only, or once `cancel` is set.
    std::optional<TopoDS_Shape> claim(const NodeKey& key, Stats& stats, bool& leased,
                                      std::string* record, const std::atomic<bool>* cancel);
    void release(const NodeKey& key);

private:
    std::optional<TopoDS_Shape> load_remote(const NodeKey& key, Stats& stats, std::string* record);
    /// The remote's bytes for `key` (nullopt: none, refused before, or the
    /// remote failed); thread-safe, no OCCT.
    std::optional<std::string> fetch(const NodeKey& key, Stats& stats);
    /// Verify fetched bytes as a local entry is verified; a hit is copied into the folder.
    std::optional<TopoDS_Shape> accept(const NodeKey& key, const std::string& bytes, Stats& stats,
                                       std::string* record);
    void remote_failed(const RemoteError& e, Stats& stats);

    std::shared_ptr<DirectoryStore> m_local;
    std::shared_ptr<RemoteBackend> m_remote;
    std::optional<CacheSecret> m_secret;
    bool m_remote_read_only;
    std::string m_owner; ///< this process, for leases: host:pid:random
    std::atomic<bool> m_remote_failed{false};
    /// Remote entries refused once (bad, unauthenticated): not fetched again.
    std::mutex m_refused_mutex;
    std::unordered_set<NodeKey, NodeKeyHash> m_refused;
};

} // namespace lazycad::detail
