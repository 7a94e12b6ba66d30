#include "cache/directory_store.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <system_error>

#include <sys/stat.h>
#include <unistd.h>

#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "cache/atomic_file.hpp"

namespace fs = std::filesystem;

namespace lazycad::detail {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::uint64_t get_le(const char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t(std::uint8_t(p[i])) << (8 * i);
    return v;
}

std::optional<std::string> read_whole_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0) return std::nullopt;
    bytes.resize(std::size_t(size));
    in.seekg(0);
    in.read(bytes.data(), size);
    if (!in) return std::nullopt;
    return bytes;
}

std::optional<NodeKey> key_from_filename(const fs::path& p) {
    try {
        return NodeKey::from_hex(p.filename().string());
    } catch (...) {
        return std::nullopt;
    }
}

/// A folder inside the cache, made with its parent's permissions: a private
/// cache stays private whatever the umask, a folder shared on purpose
/// (group-writable) stays shared.
void make_subfolder(const fs::path& dir) {
    struct stat parent{};
    if (::mkdir(dir.c_str(), 0700) != 0) {
        if (errno == EEXIST && fs::is_directory(dir)) return;
        throw std::system_error(errno, std::generic_category(), "create folder " + dir.string());
    }
    if (::stat(dir.parent_path().c_str(), &parent) == 0)
        ::chmod(dir.c_str(), parent.st_mode & 07777);
}

/// Failures that will recur for every later write: stop trying.
bool recurring(const std::error_code& ec) {
    if (ec.category() != std::generic_category() && ec.category() != std::system_category())
        return false;
    int v = ec.value();
    return v == ENOSPC || v == EDQUOT || v == EROFS || v == EACCES || v == EPERM;
}

} // namespace

std::unique_ptr<DirectoryStore> DirectoryStore::open(const fs::path& root,
                                                     std::optional<CacheSecret> secret) {
    std::unique_ptr<DirectoryStore> store(new DirectoryStore(root, std::move(secret)));
    std::error_code ec;
    // The root itself is made 0755 at most (mkdir's mode under the umask), never
    // group-writable by accident; folders inside copy its permissions.
    if (!root.parent_path().empty()) fs::create_directories(root.parent_path(), ec);
    if (::mkdir(root.c_str(), 0755) != 0 && errno != EEXIST)
        ec = std::error_code(errno, std::generic_category());
    else ec.clear();
    if (!ec && !fs::is_directory(store->objects_dir())) {
        try {
            make_subfolder(store->objects_dir());
        } catch (const std::system_error& e) {
            ec = e.code();
        }
    }
    if (ec || !fs::is_directory(store->objects_dir())) {
        warn(fmt::format("cache folder {} is not usable ({}); running without a cache", root.string(),
                         ec ? ec.message() : "objects/ is not a folder"));
        return nullptr;
    }
    store->warn_about_ownership();
    // Writable? Probe with a real atomic write, as a store would. A folder we
    // can read but not write (read-only mount, full disk) still serves hits,
    // and the tools (gc, clear, verify) still work on it.
    try {
        write_file_atomically(store->objects_dir() / ".probe", "ok");
        fs::remove(store->objects_dir() / ".probe", ec);
    } catch (const std::exception& e) {
        store->m_store_failed = true;
        warn(fmt::format("cache folder {} cannot be written ({}): cached results are read, "
                         "nothing will be stored",
                         root.string(), e.what()));
    }
    return store;
}

void DirectoryStore::warn_about_ownership() const {
    for (const fs::path& p : {m_root, objects_dir()}) {
        struct stat st{};
        if (::stat(p.c_str(), &st) != 0) continue;
        std::string problem;
        if (st.st_uid != ::geteuid()) problem = fmt::format("is owned by another user (uid {})", st.st_uid);
        else if (st.st_mode & S_IWOTH) problem = "is writable by others";
        else if (st.st_mode & S_IWGRP) problem = "is writable by its group";
        if (problem.empty()) continue;
        warn(m_secret ? fmt::format("cache folder {} {}: entries without a valid MAC for your "
                                    "secret are not used",
                                    p.string(), problem)
                      : fmt::format("cache folder {} {}: whoever can write to it can make this run "
                                    "use shapes of their choosing (use a folder only you can write, "
                                    "or set LAZYCAD_CACHE_SECRET to authenticate entries)",
                                    p.string(), problem));
        return; // once
    }
}

fs::path DirectoryStore::entry_path(const NodeKey& key) const {
    std::string hex = key.hex();
    return objects_dir() / hex.substr(0, 2) / hex;
}

bool DirectoryStore::contains(const NodeKey& key) const {
    std::error_code ec;
    if (!m_secret) return fs::is_regular_file(entry_path(key), ec);
    // With a secret, only an entry carrying its MAC counts (for `tree`, and so
    // that a forged root entry is replaced). The MAC covers the header, which
    // holds the digest of the rest: the header alone is enough.
    std::ifstream in(entry_path(key), std::ios::binary);
    char head[entry_header_size];
    if (!in.read(head, entry_header_size)) return false;
    return std::memcmp(head + 12, key.bytes.data(), 32) == 0 &&
           get_le(head + 8, 4) == entry_format_version &&
           has_valid_mac(std::string_view(head, entry_header_size), *m_secret);
}

std::optional<TopoDS_Shape> DirectoryStore::load(const NodeKey& key, Stats& stats,
                                                 std::string* record) {
    auto t0 = Clock::now();
    fs::path path = entry_path(key);
    std::optional<std::string> bytes = read_whole_file(path);
    if (!bytes) return std::nullopt; // absent: a plain miss
    TopoDS_Shape shape;
    EntryRefusal refusal = EntryRefusal::none;
    std::string why = verify_entry(key, *bytes, secret(), &shape, refusal, record);
    if (refusal == EntryRefusal::other_version) return std::nullopt;
    if (refusal == EntryRefusal::unauthenticated) {
        warn(fmt::format("cache entry {} is not used: {}; will recompute", path.string(), why));
        return std::nullopt;
    }
    if (!why.empty()) {
        std::error_code ec;
        fs::remove(path, ec);
        warn(fmt::format("cache entry {} is bad ({}); removed, will recompute", path.string(), why));
        return std::nullopt;
    }
    std::error_code ec;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec); // LRU stamp for gc
    stats.bytes_read += bytes->size();
    stats.load_ms += ms_since(t0);
    return shape;
}

void DirectoryStore::store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
                           Stats& stats) {
    if (m_store_failed) return;
    std::string payload;
    try {
        payload = write_payload(shape);
    } catch (const Standard_Failure& f) {
        warn(fmt::format("cannot store cache entry {} ({}); skipped", entry_path(key).string(),
                         f.GetMessageString()));
        return;
    }
    store_encoded(key, encode_entry(key, record, payload, secret()), payload, stats);
}

void DirectoryStore::store_encoded(const NodeKey& key, const std::string& head,
                                   std::string_view payload, Stats& stats) {
    if (m_store_failed) return;
    auto t0 = Clock::now();
    fs::path path = entry_path(key);
    try {
        // A shard removed under us (`cache clear` in another process) is made again, once.
        for (int attempt = 0;; ++attempt) {
            try {
                if (!fs::is_directory(path.parent_path())) make_subfolder(path.parent_path());
                write_file_atomically(path, head, payload);
                break;
            } catch (const std::system_error& e) {
                if (attempt > 0 || e.code() != std::errc::no_such_file_or_directory) throw;
            }
        }
        stats.bytes_written += head.size() + payload.size();
        stats.stored += 1;
    } catch (const std::system_error& e) {
        if (recurring(e.code())) {
            if (!m_store_failed.exchange(true))
                warn(fmt::format("cannot write to cache {} ({}); results are no longer stored",
                                 m_root.string(), e.what()));
        } else {
            warn(fmt::format("cannot store cache entry {} ({}); skipped", path.string(), e.what()));
        }
    } catch (const std::exception& e) {
        warn(fmt::format("cannot store cache entry {} ({}); skipped", path.string(), e.what()));
    }
    stats.store_ms += ms_since(t0);
}

std::vector<EntryInfo> DirectoryStore::list(std::string_view hex_prefix) const {
    std::vector<EntryInfo> out;
    std::error_code ec;
    fs::path where = hex_prefix.size() >= 2 ? objects_dir() / std::string(hex_prefix.substr(0, 2)) : objects_dir();
    for (fs::recursive_directory_iterator it(where, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::optional<NodeKey> key = key_from_filename(it->path());
        if (!key || !it->path().filename().string().starts_with(hex_prefix)) continue;
        EntryInfo info{*key, it->path(), it->file_size(ec), it->last_write_time(ec), {}};
        std::ifstream in(it->path(), std::ios::binary);
        char head[entry_header_size];
        if (in.read(head, entry_header_size)) {
            std::uint64_t record_len = get_le(head + 44, 4);
            if (record_len < (1u << 20)) {
                info.record.resize(record_len);
                if (!in.read(info.record.data(), std::streamsize(record_len))) info.record.clear();
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

std::size_t DirectoryStore::verify() {
    std::size_t bad = 0;
    for (const EntryInfo& e : list()) {
        std::optional<std::string> bytes = read_whole_file(e.path);
        EntryRefusal refusal = EntryRefusal::none;
        std::string why = bytes ? verify_entry(e.key, *bytes, secret(), nullptr, refusal) : "unreadable";
        if (why.empty()) continue;
        std::error_code ec;
        fs::remove(e.path, ec);
        warn(fmt::format("cache entry {} is bad ({}); removed", e.path.string(), why));
        ++bad;
    }
    return bad;
}

std::size_t DirectoryStore::gc(std::uint64_t max_bytes, std::uint64_t* remaining) {
    std::error_code ec;
    // Temporary files older than an hour are leftovers of killed writers.
    auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (fs::recursive_directory_iterator it(objects_dir(), ec), end; !ec && it != end;
         it.increment(ec))
        if (is_temporary_name(it->path().filename().string()) && it->last_write_time(ec) < stale)
            fs::remove(it->path(), ec);

    std::vector<EntryInfo> entries = list();
    std::sort(entries.begin(), entries.end(),
              [](const EntryInfo& a, const EntryInfo& b) { return a.last_used < b.last_used; });
    std::uint64_t total = 0;
    for (const EntryInfo& e : entries) total += e.size;
    std::size_t removed = 0;
    for (const EntryInfo& e : entries) {
        if (total <= max_bytes) break;
        if (fs::remove(e.path, ec)) {
            total -= e.size;
            ++removed;
        }
    }
    if (remaining) *remaining = total;
    return removed;
}

std::size_t DirectoryStore::evict_older_than(std::int64_t seconds) {
    auto cutoff = fs::file_time_type::clock::now() - std::chrono::seconds(seconds);
    std::size_t removed = 0;
    std::error_code ec;
    for (const EntryInfo& e : list())
        if (e.last_used < cutoff && fs::remove(e.path, ec)) ++removed;
    return removed;
}

void DirectoryStore::clear() {
    std::error_code ec;
    fs::remove_all(objects_dir(), ec);
    try {
        make_subfolder(objects_dir());
    } catch (const std::system_error&) {
        // the next store reports it
    }
}

} // namespace lazycad::detail
