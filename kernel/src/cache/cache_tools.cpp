#include <cctype>
#include <chrono>

#include "cache/store_registry.hpp"
#include "cache/usage.hpp"
#include "graph/node.hpp"
#include "lazycad/cache.hpp"
#include "lazycad/error.hpp"

namespace lazycad {

using namespace detail;

namespace {

DirectoryStore& store_for(const CacheOptions& cache) {
    if (!cache.enabled) throw Error("cache: the directory cache is off (--no-cache)");
    std::shared_ptr<DirectoryStore> s = open_store(cache);
    if (!s) throw Error("cache: no usable cache folder");
    return *s;
}

std::int64_t to_unix(std::filesystem::file_time_type t) {
    auto sys = std::chrono::file_clock::to_sys(t);
    return std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
}


std::vector<CacheEntry> cache_entries(const std::vector<EntryInfo>& infos) {
    std::vector<CacheEntry> out;
    for (const EntryInfo& e : infos) out.push_back({e.key, e.path.string(), e.size, to_unix(e.last_used), e.record});
    return out;
}

} // namespace

std::string cache_root(const CacheOptions& cache) { return store_for(cache).root().string(); }

std::vector<CacheEntry> cache_list(const CacheOptions& cache) { return cache_entries(store_for(cache).list()); }

std::size_t cache_verify(const CacheOptions& cache) { return store_for(cache).verify(); }

namespace {
/// The folder's size as the counters keep it, after a tool changed it.
void set_size(const DirectoryStore& s, std::uint64_t bytes) {
    update_counters(s, [&](nlohmann::json& j) {
        j["bytes"] = bytes;
        return true;
    });
}
std::uint64_t size_of(const DirectoryStore& s) {
    std::uint64_t total = 0;
    for (const EntryInfo& e : s.list()) total += e.size;
    return total;
}
} // namespace

std::size_t cache_gc(const CacheOptions& cache, std::uint64_t max_bytes) {
    DirectoryStore& s = store_for(cache);
    std::uint64_t remaining = 0;
    std::size_t n = s.gc(max_bytes, &remaining);
    set_size(s, remaining);
    return n;
}

std::size_t cache_evict_older_than(const CacheOptions& cache, std::int64_t seconds) {
    DirectoryStore& s = store_for(cache);
    std::size_t n = s.evict_older_than(seconds);
    set_size(s, size_of(s));
    return n;
}

CacheCounters cache_counters(const CacheOptions& cache) {
    CacheCounters c;
    update_counters(store_for(cache), [&](nlohmann::json& j) {
        auto get = [&](const char* name) { return j.value(name, std::uint64_t(0)); };
        c.since = j.value("since", std::int64_t(0));
        c.evaluations = get("evaluations");
        c.local_hits = get("local_hits");
        c.remote_hits = get("remote_hits");
        c.misses = get("misses");
        c.computed = get("computed");
        c.stored = get("stored");
        c.remote_stored = get("remote_stored");
        c.remote_errors = get("remote_errors");
        c.cleanups = get("cleanups");
        c.evicted = get("evicted");
        return false;
    });
    return c;
}

void cache_zero_counters(const CacheOptions& cache) {
    update_counters(store_for(cache), [](nlohmann::json& j) {
        // The size is the folder's, not a counter: it stays.
        nlohmann::json fresh = nlohmann::json::object();
        if (j.contains("bytes")) fresh["bytes"] = j["bytes"];
        fresh["since"] = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        j = fresh;
        return true;
    });
}

std::map<std::string, std::string> cache_config(const CacheOptions& cache) {
    return read_config(store_for(cache).root());
}

void cache_set_config(const CacheOptions& cache, const std::string& name, const std::string& value) {
    if (name != "max_size")
        throw Error("cache config", name, "cache config: unknown setting '" + name + "' (known: max_size)");
    if (!value.empty()) parse_size(value, name); // refused here, not after every run
    DirectoryStore& s = store_for(cache);
    auto config = read_config(s.root());
    if (value.empty()) config.erase(name);
    else config[name] = value;
    write_config(s.root(), config);
}

void cache_clear(const CacheOptions& cache) {
    DirectoryStore& s = store_for(cache);
    s.clear();
    set_size(s, 0);
    std::error_code ec;
    std::filesystem::remove_all(s.root() / "scripts", ec);
}

std::vector<CacheEntry> cache_find(const CacheOptions& cache, const std::string& hex_prefix) {
    std::string prefix;
    for (char c : hex_prefix) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            throw Error("cache", "key", "cache: '" + hex_prefix + "' is not a key prefix (hex digits)");
        prefix += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return cache_entries(store_for(cache).list(prefix));
}

Shape cached_entry(const NodeKey& key, const CacheOptions& cache) {
    ComputeFn load = [key, cache](const OpContext&) -> TopoDS_Shape {
        Stats ignored;
        std::shared_ptr<DirectoryStore> store = open_store(cache);
        std::optional<TopoDS_Shape> shape = store ? store->load(key, ignored) : std::nullopt;
        if (!shape)
            throw Error("cache_entry", "key",
                        "cache_entry: no entry " + key.hex() + " in the cache (gone, or bad and removed)");
        return *shape;
    };
    return make_node("cache_entry", 1, Cost::cheap, false, std::move(load), {{"key", key.hex()}}, {});
}

} // namespace lazycad
