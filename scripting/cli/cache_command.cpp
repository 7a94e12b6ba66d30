// `lazycad cache stats | ls | show REF | get REF -o FILE | gc | clear | verify`.

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "lazycad/cache.hpp"
#include "lazycad/error.hpp"
#include "lazycad/export.hpp"
#include "manifest.hpp"

namespace lazycad::cli {

namespace {

std::string entry_line(const CacheEntry& e) {
    std::string op = "?";
    try {
        op = nlohmann::json::parse(e.record).value("operation", "?");
    } catch (...) {
    }
    return fmt::format("  {}  {}", e.key.hex(), op);
}

/// REF: a key prefix (8+ hex digits) or MODEL.cpp:NAME (a named node of that
/// model's last run in this cache folder). Ambiguous or malformed: a usage error.
CacheEntry resolve_ref(const CacheOptions& cache, const std::string& root, const std::string& ref) {
    auto colon = ref.rfind(':');
    if (colon != std::string::npos && colon > 0) {
        std::string model = ref.substr(0, colon), name = ref.substr(colon + 1);
        std::optional<script::Manifest> m = script::read_manifest(root, model);
        if (!m) throw UsageError("cache", "REF", fmt::format("cache: no run of {} is recorded in {}", model, root));
        std::set<std::string> keys, names;
        for (const auto& [key, n] : m->nodes) {
            if (!n.name.empty()) names.insert(n.name);
            if (n.name == name) keys.insert(key);
        }
        if (keys.empty())
            throw UsageError("cache", "REF",
                             fmt::format("cache: {} has no node named '{}'; its named nodes: {}", model, name,
                                         names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))));
        if (keys.size() > 1)
            throw UsageError("cache", "REF", fmt::format("cache: several nodes of {} are named '{}'", model, name));
        std::vector<CacheEntry> found = cache_find(cache, *keys.begin());
        if (found.empty())
            throw Error("cache", "REF", fmt::format("cache: '{}' ({}) is not in the cache (evicted?)", ref,
                                                    keys.begin()->substr(0, 12)));
        return found.front();
    }
    if (ref.size() < 8) throw UsageError("cache", "REF", "cache: REF is a key prefix of 8+ hex digits or MODEL.cpp:NAME");
    std::vector<CacheEntry> found = cache_find(cache, ref);
    if (found.empty()) throw Error("cache", "REF", fmt::format("cache: no entry starts with {}", ref));
    if (found.size() > 1) {
        std::string list;
        for (const CacheEntry& e : found) list += "\n" + entry_line(e);
        throw UsageError("cache", "REF", fmt::format("cache: {} matches {} entries:{}", ref, found.size(), list));
    }
    return found.front();
}

} // namespace

int cmd_cache(const std::string& action, const CommonOptions& o, const CacheArgs& args) {
    CacheOptions cache = o.cache();
    std::optional<std::string> where = cache.resolve();
    if (!where) throw Error("cache: no cache folder (set --cache-dir, LAZYCAD_CACHE_DIR or HOME)");
    // Looking must not create: a mistyped --cache-dir is reported, not made.
    std::error_code ec;
    if (!std::filesystem::is_directory(*where, ec)) {
        std::cerr << fmt::format("lazycad: no cache at {} (the folder does not exist); nothing to {}\n",
                                 *where, action == "stats" || action == "ls" ? "show" : "do");
        return 0;
    }
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
    } else if (action == "show" || action == "get") {
        if (args.ref.empty()) throw UsageError("cache", "REF", "cache " + action + ": needs REF");
        CacheEntry e = resolve_ref(cache, root, args.ref);
        if (action == "show") {
            nlohmann::ordered_json record = nlohmann::ordered_json::parse(e.record, nullptr, false);
            std::time_t used = e.last_used;
            char when[64];
            std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", std::localtime(&used));
            std::cout << fmt::format("key        {}\nsize       {} bytes\nlast used  {}\n", e.key.hex(), e.size, when);
            if (record.is_discarded()) std::cout << "record     (unreadable)\n";
            else
                for (const auto& [k, v] : record.items())
                    std::cout << fmt::format("{:<10} {}\n", k, v.is_string() ? v.get<std::string>() : v.dump());
            return 0;
        }
        if (args.output.empty()) throw UsageError("cache", "-o", "cache get: needs -o FILE (.step .stl .brep .glb)");
        ExportOptions x;
        x.eval.cache.enabled = false; // the shape comes from the entry; nothing new to store
        export_file({{cached_entry(e.key, cache), color::steel}}, args.output, x);
        std::cerr << fmt::format("lazycad: wrote {} from entry {}\n", args.output, e.key.short_hex());
    } else if (action == "gc") {
        std::size_t n = cache_gc(cache, std::uint64_t(args.max_size_mb * 1e6));
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
