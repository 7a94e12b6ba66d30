#include <cctype>
#include <chrono>

#include "cache/store_registry.hpp"
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

std::size_t cache_gc(const CacheOptions& cache, std::uint64_t max_bytes) {
    return store_for(cache).gc(max_bytes);
}

void cache_clear(const CacheOptions& cache) {
    DirectoryStore& s = store_for(cache);
    s.clear();
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
