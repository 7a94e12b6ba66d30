#include "cache/storage.hpp"

#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <thread>

#include <unistd.h>

#include <Standard_Failure.hxx>
#include <fmt/format.h>

namespace lazycad::detail {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
} // namespace

CacheStorage::CacheStorage(std::shared_ptr<DirectoryStore> local,
                           std::shared_ptr<RemoteBackend> remote, std::optional<CacheSecret> secret,
                           bool remote_read_only)
    : m_local(std::move(local)), m_remote(std::move(remote)), m_secret(std::move(secret)),
      m_remote_read_only(remote_read_only) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    m_owner = fmt::format("{}:{}:{:x}", host, ::getpid(), std::random_device{}());
    if (m_remote && !m_secret)
        warn(fmt::format("remote cache {} is trusted as it is (no LAZYCAD_CACHE_SECRET): whoever "
                         "can write to it can make this run use shapes of their choosing",
                         m_remote->describe()));
}

std::optional<TopoDS_Shape> CacheStorage::load(const NodeKey& key, Stats& stats,
                                               std::string* record) {
    if (auto s = load_local(key, stats, record)) return s;
    return load_remote(key, stats, record);
}

std::optional<TopoDS_Shape> CacheStorage::load_local(const NodeKey& key, Stats& stats,
                                                     std::string* record) {
    if (!m_local) return std::nullopt;
    auto s = m_local->load(key, stats, record);
    if (s) stats.disk_hits += 1;
    return s;
}

namespace {
/// Runs f(0) ... f(n - 1) on up to 8 threads: remote calls spend their time
/// waiting for the network, not on a core.
void in_parallel(std::size_t n, const std::function<void(std::size_t)>& f) {
    if (n == 1) return f(0);
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < std::min<std::size_t>(n, 8); ++t)
        threads.emplace_back([&] {
            for (std::size_t i; (i = next++) < n;) f(i);
        });
    for (std::thread& t : threads) t.join();
}
} // namespace

std::vector<std::optional<TopoDS_Shape>> CacheStorage::load_remote(const std::vector<NodeKey>& keys,
                                                                   Stats& stats,
                                                                   std::vector<std::string>& records) {
    std::vector<std::optional<TopoDS_Shape>> shapes(keys.size());
    records.assign(keys.size(), {});
    if (!remote_usable() || keys.empty()) return shapes;
    auto t0 = Clock::now();
    std::vector<std::optional<std::string>> bytes(keys.size());
    std::vector<Stats> fetch_stats(keys.size());
    in_parallel(keys.size(), [&](std::size_t i) { bytes[i] = fetch(keys[i], fetch_stats[i]); });
    for (const Stats& f : fetch_stats) stats += f;
    stats.load_ms += ms_since(t0);
    // Parsed here, one by one: BinTools on the caller's thread, set up for OCCT.
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (bytes[i]) shapes[i] = accept(keys[i], *bytes[i], stats, &records[i]);
    return shapes;
}

std::optional<TopoDS_Shape> CacheStorage::load_remote(const NodeKey& key, Stats& stats,
                                                      std::string* record) {
    auto t0 = Clock::now();
    std::optional<std::string> bytes = fetch(key, stats);
    stats.load_ms += ms_since(t0);
    if (!bytes) return std::nullopt;
    return accept(key, *bytes, stats, record);
}

std::optional<std::string> CacheStorage::fetch(const NodeKey& key, Stats& stats) {
    if (!remote_usable()) return std::nullopt;
    {
        std::lock_guard lock(m_refused_mutex);
        if (m_refused.count(key)) return std::nullopt;
    }
    try {
        return m_remote->get(key.hex());
    } catch (const RemoteError& e) {
        remote_failed(e, stats);
        return std::nullopt;
    }
}

std::optional<TopoDS_Shape> CacheStorage::accept(const NodeKey& key, const std::string& bytes,
                                                 Stats& stats, std::string* record) {
    auto t0 = Clock::now();
    TopoDS_Shape shape;
    EntryRefusal refusal = EntryRefusal::none;
    std::string why = verify_entry(key, bytes, m_secret ? &*m_secret : nullptr, &shape, refusal, record);
    if (refusal == EntryRefusal::other_version) return std::nullopt;
    if (!why.empty()) {
        // Left on the server: a colleague without the secret may use it.
        std::lock_guard lock(m_refused_mutex);
        m_refused.insert(key);
        warn(fmt::format("remote cache entry {} from {} is not used: {}; will recompute", key.hex(),
                         m_remote->describe(), why));
        return std::nullopt;
    }
    if (m_local) {
        // The same bytes, already verified: the next run is a local hit.
        Stats copy;
        m_local->store_encoded(key, bytes, {}, copy);
        stats.bytes_written += copy.bytes_written; // the folder grew (its size limit)
    }
    stats.remote_hits += 1;
    stats.bytes_read += bytes.size();
    stats.load_ms += ms_since(t0);
    return shape;
}

void CacheStorage::upload_missing(const std::vector<NodeKey>& keys, Stats& stats) {
    if (!m_local || !remote_usable() || m_remote_read_only || keys.empty()) return;
    auto t0 = Clock::now();
    std::vector<Stats> each(keys.size());
    in_parallel(keys.size(), [&](std::size_t i) {
        if (!remote_usable()) return;
        try {
            if (m_remote->head(keys[i].hex())) return;
            std::ifstream in(m_local->entry_path(keys[i]), std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!in || bytes.empty()) return; // gone meanwhile (gc): nothing to share
            m_remote->put(keys[i].hex(), bytes);
            each[i].remote_stored += 1;
        } catch (const RemoteError& e) {
            remote_failed(e, each[i]);
        }
    });
    for (const Stats& e : each) stats += e;
    stats.store_ms += ms_since(t0);
}

bool CacheStorage::contains(const NodeKey& key) const { return m_local && m_local->contains(key); }

void CacheStorage::store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
                         Stats& stats) {
    if (!remote_usable() || m_remote_read_only) {
        if (m_local) m_local->store(key, shape, record, stats);
        return;
    }
    if (std::optional<std::string> payload = payload_of(key, shape)) store_payload(key, record, *payload, stats);
}

std::optional<std::string> CacheStorage::payload_of(const NodeKey& key, const TopoDS_Shape& shape) {
    try {
        return write_payload(shape);
    } catch (const Standard_Failure& f) {
        warn(fmt::format("cannot store cache entry {} ({}); skipped", key.hex(), f.GetMessageString()));
        return std::nullopt;
    }
}

void CacheStorage::store_payload(const NodeKey& key, const std::string& record,
                                 const std::string& payload, Stats& stats) {
    std::string head = encode_entry(key, record, payload, m_secret ? &*m_secret : nullptr);
    if (m_local) m_local->store_encoded(key, head, payload, stats);
    if (!remote_usable() || m_remote_read_only) return;
    auto t0 = Clock::now();
    try {
        m_remote->put(key.hex(), head + payload);
        stats.remote_stored += 1;
    } catch (const RemoteError& e) {
        remote_failed(e, stats);
    }
    stats.store_ms += ms_since(t0);
}

namespace {
/// Long enough for a thread or a large boolean; a crashed owner delays the
/// others by at most this.
constexpr int lease_ms = 60'000;
} // namespace

std::optional<TopoDS_Shape> CacheStorage::claim(const NodeKey& key, Stats& stats, bool& leased,
                                                std::string* record,
                                                const std::atomic<bool>* cancel) {
    leased = false;
    // Without leases (HTTP) there is nothing to wait for, and the walk has
    // just asked for the entry: compute.
    if (m_remote && !m_remote->has_leases()) return std::nullopt;
    auto backoff = std::chrono::milliseconds(10);
    while (remote_usable() && !m_remote_read_only && !(cancel && cancel->load())) {
        try {
            if (m_remote->lease(key.hex(), m_owner, lease_ms)) {
                // Its previous owner may have stored it and released the
                // lease since our first look: look again before computing.
                if (auto s = load_remote(key, stats, record)) {
                    m_remote->release(key.hex(), m_owner);
                    return s;
                }
                leased = true;
                return std::nullopt;
            }
        } catch (const RemoteError& e) {
            remote_failed(e, stats);
            return std::nullopt;
        }
        // Another client computes it: its entry, once stored, is ours. Its
        // lease gone without an entry (it failed or crashed): we take it.
        std::this_thread::sleep_for(backoff);
        backoff = std::min(backoff * 2, std::chrono::milliseconds(500));
        if (auto s = load_remote(key, stats, record)) return s;
    }
    return std::nullopt;
}

void CacheStorage::release(const NodeKey& key) {
    if (!remote_usable()) return;
    try {
        m_remote->release(key.hex(), m_owner);
    } catch (const RemoteError& e) {
        Stats ignored;
        remote_failed(e, ignored);
    }
}

void CacheStorage::remote_failed(const RemoteError& e, Stats& stats) {
    stats.remote_errors += 1;
    if (!m_remote_failed.exchange(true))
        warn(fmt::format("remote cache {} {} ({}); not used for the rest of this run",
                         m_remote->describe(), to_string(e.failure()), e.what()));
}

} // namespace lazycad::detail
