// `lazycad cache stats | ls | gc | clear | verify`.

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "lazycad/cache.hpp"

namespace lazycad::cli {

int cmd_cache(const std::string& action, const CommonOptions& o, double max_size_mb) {
    CacheOptions cache = o.cache();
    std::string root = cache_root(cache);
    if (action == "stats") {
        std::vector<CacheEntry> entries = cache_list(cache);
        std::uint64_t bytes = 0;
        for (const CacheEntry& e : entries) bytes += e.size;
        if (o.stats == "json")
            std::cout << nlohmann::json{{"root", root}, {"entries", entries.size()}, {"bytes", bytes}}.dump()
                      << "\n";
        else
            std::cout << fmt::format("cache {}: {} entries, {:.2f} MB\n", root, entries.size(),
                                     bytes / 1e6);
    } else if (action == "ls") {
        std::vector<CacheEntry> entries = cache_list(cache);
        std::sort(entries.begin(), entries.end(),
                  [](const CacheEntry& a, const CacheEntry& b) { return a.last_used > b.last_used; });
        for (const CacheEntry& e : entries) {
            std::string op = "?";
            double ms = 0;
            try {
                auto j = nlohmann::json::parse(e.record);
                op = j.value("operation", "?");
                ms = j.value("compute_ms", 0.0);
            } catch (...) {
            }
            std::cout << fmt::format("{}  {:>10}  {:>9.1f} ms  {}\n", e.key.short_hex(), e.size, ms, op);
        }
    } else if (action == "gc") {
        std::size_t n = cache_gc(cache, std::uint64_t(max_size_mb * 1e6));
        std::cout << fmt::format("removed {} entries\n", n);
        // Compiled scripts unused for a week, and leftovers of killed compiles.
        std::size_t scripts = script::remove_compiled_scripts(cache, 7 * 24 * 3600.0);
        std::cout << fmt::format("removed {} compiled script files\n", scripts);
    } else if (action == "verify") {
        std::size_t bad = cache_verify(cache);
        std::cout << fmt::format("{} bad entries removed\n", bad);
        return bad ? 1 : 0;
    } else if (action == "clear") {
        cache_clear(cache);
        script::remove_compiled_scripts(cache, 0);
        std::cout << "cleared " << root << "\n";
    }
    return 0;
}

} // namespace lazycad::cli
