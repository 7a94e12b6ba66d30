// `lazycad cache stats [--zero] | ls | show REF | get REF -o FILE | gc | clear | verify
//  | config [NAME=VALUE]`.

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "lazycad/cache.hpp"
#include "lazycad/error.hpp"
#include "lazycad/export.hpp"
#include "manifest.hpp"
#include "script_runner.hpp"

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

/// Bytes in a folder tree (the compiled scripts).
std::uint64_t folder_size(const std::filesystem::path& dir, std::size_t& files) {
    std::uint64_t bytes = 0;
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec)) {
            bytes += it->file_size(ec);
            ++files;
        }
    return bytes;
}

/// `cache stats`: what the folder holds and its counters since the last reset.
void print_stats(const CacheOptions& cache, const std::string& root, bool json) {
    std::vector<CacheEntry> entries = cache_list(cache);
    std::uint64_t bytes = 0;
    for (const CacheEntry& e : entries) bytes += e.size;
    std::size_t script_files = 0;
    std::uint64_t script_bytes = 0;
    if (auto dir = script::script_folder_path(cache)) script_bytes = folder_size(*dir, script_files);
    std::map<std::string, std::string> config = cache_config(cache);
    std::uint64_t limit = 0;
    try {
        if (config.count("max_size")) limit = parse_size(config["max_size"], "max_size");
    } catch (const Error&) {
        // edited by hand: ignored after runs too (no limit)
    }
    CacheCounters c = cache_counters(cache);
    if (json) {
        std::cout << nlohmann::json{{"root", root},
                                    {"entries", entries.size()},
                                    {"bytes", bytes},
                                    {"max_size", limit},
                                    {"script_files", script_files},
                                    {"script_bytes", script_bytes},
                                    {"since", c.since},
                                    {"evaluations", c.evaluations},
                                    {"local_hits", c.local_hits},
                                    {"remote_hits", c.remote_hits},
                                    {"misses", c.misses},
                                    {"computed", c.computed},
                                    {"stored", c.stored},
                                    {"remote_stored", c.remote_stored},
                                    {"remote_errors", c.remote_errors},
                                    {"cleanups", c.cleanups},
                                    {"evicted", c.evicted}}
                         .dump()
                  << "\n";
        return;
    }
    std::uint64_t lookups = c.local_hits + c.remote_hits + c.misses;
    auto percent = [&](std::uint64_t n) { return lookups ? 100.0 * double(n) / double(lookups) : 0.0; };
    std::time_t since = c.since;
    char when[64];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", std::localtime(&since));
    std::cout << fmt::format("cache {}: {} entries, {:.2f} MB{}\n", root, entries.size(), bytes / 1e6,
                             limit ? fmt::format(" of {:.2f} MB (max_size)", limit / 1e6) : " (no max_size)");
    std::cout << fmt::format("compiled scripts: {} files, {:.2f} MB\n", script_files, script_bytes / 1e6);
    std::cout << fmt::format("since {} ({} evaluations):\n", when, c.evaluations);
    std::cout << fmt::format("  hits    {:>8} ({:.1f}%): {} local, {} remote\n", c.local_hits + c.remote_hits,
                             percent(c.local_hits + c.remote_hits), c.local_hits, c.remote_hits);
    std::cout << fmt::format("  misses  {:>8} ({:.1f}%)\n", c.misses, percent(c.misses));
    std::cout << fmt::format("  computed {:>7} nodes, {} entries stored\n", c.computed, c.stored);
    std::cout << fmt::format("  remote  {:>8} uploaded, {} errors\n", c.remote_stored, c.remote_errors);
    std::cout << fmt::format("  trimmed {:>8} times to max_size, {} entries evicted\n", c.cleanups, c.evicted);
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
        if (args.zero) {
            cache_zero_counters(cache);
            std::cout << "counters zeroed\n";
            return 0;
        }
        print_stats(cache, root, o.stats == "json");
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
        std::size_t n = 0, scripts = 0;
        if (!args.older_than.empty()) {
            std::int64_t age = parse_duration(args.older_than, "--evict-older-than");
            n = cache_evict_older_than(cache, age);
            scripts = script::remove_compiled_scripts(cache, double(age));
        } else {
            std::uint64_t limit = args.max_size_mb >= 0 ? std::uint64_t(args.max_size_mb * 1e6) : 1024'000'000;
            if (args.max_size_mb < 0)
                if (auto c = cache_config(cache); c.count("max_size"))
                    limit = parse_size(c["max_size"], "max_size");
            n = cache_gc(cache, limit);
            // Compiled scripts unused for a week, and leftovers of killed compiles.
            scripts = script::remove_compiled_scripts(cache, 7 * 24 * 3600.0);
        }
        std::cout << fmt::format("removed {} entries\n", n);
        std::cout << fmt::format("removed {} compiled script files\n", scripts);
    } else if (action == "config") {
        if (!args.ref.empty()) {
            auto eq = args.ref.find('=');
            if (eq == std::string::npos)
                throw UsageError("cache", "config", "cache config: NAME=VALUE, e.g. max_size=2G (max_size= removes it)");
            cache_set_config(cache, args.ref.substr(0, eq), args.ref.substr(eq + 1));
        }
        for (const auto& [k, v] : cache_config(cache)) std::cout << k << " = " << v << "\n";
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
