// Managing a cache folder like ccache: counters since the last reset that
// concurrent processes add up, a persistent size limit trimmed after a run,
// eviction by age (entries and compiled scripts).

#include <catch2/catch.hpp>

#include "lazycad/cache.hpp"
#include "server_support.hpp"

using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
nlohmann::json cache_stats(const fs::path& cache) {
    CliResult r = run_cli({"cache", "stats", "--cache-dir", cache.string(), "--stats=json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(last_line(r.out));
}
} // namespace

TEST_CASE("cache admin: durations and sizes as people write them", "[cache][admin]") {
    CHECK(parse_duration("90", "t") == 90);
    CHECK(parse_duration("90s", "t") == 90);
    CHECK(parse_duration("30m", "t") == 1800);
    CHECK(parse_duration("12h", "t") == 12 * 3600);
    CHECK(parse_duration("7d", "t") == 7 * 86400);
    CHECK(parse_duration("2w", "t") == 14 * 86400);
    require_error([] { parse_duration("7 days", "--evict-older-than"); }, "cache", "--evict-older-than");
    CHECK(parse_size("500", "s") == 500);
    CHECK(parse_size("500k", "s") == 500 * 1024);
    CHECK(parse_size("20M", "s") == 20ull << 20);
    CHECK(parse_size("2G", "s") == 2ull << 30);
    CHECK(parse_size("2GiB", "s") == 2ull << 30);
    require_error([] { parse_size("lots", "max_size"); }, "cache", "max_size");
}

TEST_CASE("cache admin: stats count hits, misses and computed nodes across concurrent processes",
          "[cache][admin][cli]") {
    TempDir models("models"), cache("cache");
    write_text(models / "m.cpp", documented_script);
    std::string c = cache.path().string();
    CliResult cold = run_cli({"run", (models / "m.cpp").string(), "--cache-dir", c, "--stats=json"});
    INFO(cold.output);
    REQUIRE(cold.exit_code == 0);
    nlohmann::json s = cache_stats(cache.path());
    CHECK(s["evaluations"] == 1);
    CHECK(s["misses"] == stats_of(cold)["misses"]);
    CHECK(s["misses"].get<int>() >= 1);
    CHECK(s["computed"] == stats_of(cold)["computed"]);
    CHECK(s["local_hits"] == 0);
    CHECK(s["entries"] == 1);
    CHECK(s["script_files"].get<int>() >= 1); // the compiled script is counted

    // Six runs at once: four warm ones (each appends a line to the log), two
    // of new heights (each computes, writes and folds the log into the
    // counters under the exclusive lock). None is lost.
    const int n = 6, cold_runs = 2;
    std::vector<CliProcess> procs;
    for (int i = 0; i < n; ++i) {
        std::vector<std::string> args{"run", (models / "m.cpp").string(), "--cache-dir", c};
        if (i % 3 == 1) args.insert(args.end(), {"-D", fmt::format("height={}", 30 + i)});
        procs.push_back(start_cli(args, cache / fmt::format("out{}", i)));
    }
    for (const CliProcess& p : procs) {
        REQUIRE(p.pid > 0);
        INFO(read_bytes(p.output));
        CHECK(wait_cli(p) == 0);
    }
    s = cache_stats(cache.path());
    CHECK(s["evaluations"] == 1 + n);
    CHECK(s["local_hits"] == n - cold_runs);
    CHECK(s["misses"] == (1 + cold_runs) * stats_of(cold)["misses"].get<int>());
    CHECK(s["computed"] == (1 + cold_runs) * stats_of(cold)["computed"].get<int>());

    CliResult text = run_cli({"cache", "stats", "--cache-dir", c});
    CHECK_THAT(text.out, Contains("3 entries") && Contains(fmt::format("{} local, 0 remote", n - cold_runs)));
    REQUIRE(run_cli({"cache", "stats", "--zero", "--cache-dir", c}).exit_code == 0);
    s = cache_stats(cache.path());
    CHECK(s["evaluations"] == 0);
    CHECK(s["local_hits"] == 0);
    CHECK(s["entries"] == 3); // zeroing counts, not entries
}

TEST_CASE("cache admin: a persistent max_size trims the oldest entries after a run", "[cache][admin][cli]") {
    TempDir models("models"), cache("cache");
    write_text(models / "m.cpp", documented_script);
    std::string c = cache.path().string();
    CliResult bad = run_cli({"cache", "config", "max_size=lots", "--cache-dir", c});
    CHECK(bad.exit_code != 0);
    CHECK(run_cli({"cache", "config", "colour=red", "--cache-dir", c}).exit_code != 0);

    // One entry per height (one root each); the first is the least recently used.
    auto run = [&](int h) {
        CliResult r = run_cli({"run", (models / "m.cpp").string(), "-D", fmt::format("height={}", h), "--cache-dir", c});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
    };
    run(11);
    std::vector<CacheEntry> one = cache_list({true, c, ""});
    REQUIRE(one.size() == 1);
    std::uint64_t entry = one.front().size;
    // Room for two and a half entries: the third run passes it, and 90% holds two.
    std::string limit = std::to_string(entry * 5 / 2);
    CliResult set = run_cli({"cache", "config", "max_size=" + limit, "--cache-dir", c});
    REQUIRE(set.exit_code == 0);
    CHECK_THAT(set.out, Contains("max_size = " + limit));
    CHECK_THAT(read_bytes(cache / "lazycad.conf"), Contains("max_size = " + limit));
    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // distinct last-used stamps
    run(12);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    run(13);
    std::vector<CacheEntry> left = cache_list({true, c, ""});
    CHECK(left.size() == 2);
    for (const CacheEntry& e : left) CHECK(e.key != one.front().key); // the oldest went
    nlohmann::json s = cache_stats(cache.path());
    CHECK(s["cleanups"] == 1);
    CHECK(s["evicted"] == 1);
    CHECK(s["max_size"] == std::stoull(limit));
    // Removed again: no limit, nothing trimmed.
    REQUIRE(run_cli({"cache", "config", "max_size=", "--cache-dir", c}).exit_code == 0);
    run(14);
    CHECK(cache_list({true, c, ""}).size() == 3);
}

TEST_CASE("cache admin: gc --evict-older-than removes entries and compiled scripts unused that long",
          "[cache][admin][cli]") {
    TempDir models("models"), cache("cache");
    write_text(models / "m.cpp", documented_script);
    std::string c = cache.path().string();
    for (int h : {21, 22})
        REQUIRE(run_cli({"run", (models / "m.cpp").string(), "-D", fmt::format("height={}", h), "--cache-dir", c})
                    .exit_code == 0);
    std::vector<CacheEntry> entries = cache_list({true, c, ""});
    REQUIRE(entries.size() == 2);
    // One entry and every compiled script last used ten days ago.
    auto ten_days_ago = fs::file_time_type::clock::now() - std::chrono::hours(24 * 10);
    fs::last_write_time(entries.front().path, ten_days_ago);
    std::size_t scripts = 0;
    for (const auto& d : fs::directory_iterator(cache.path()))
        if (d.path().filename().string().starts_with("scripts-"))
            for (const auto& f : fs::directory_iterator(d.path())) {
                fs::last_write_time(f.path(), ten_days_ago);
                ++scripts;
            }
    REQUIRE(scripts >= 1);
    CliResult gc = run_cli({"cache", "gc", "--evict-older-than", "7d", "--cache-dir", c});
    INFO(gc.output);
    REQUIRE(gc.exit_code == 0);
    CHECK_THAT(gc.out, Contains("removed 1 entries") && Contains(fmt::format("removed {} compiled", scripts)));
    std::vector<CacheEntry> left = cache_list({true, c, ""});
    REQUIRE(left.size() == 1);
    CHECK(left.front().key == entries.back().key);
    CHECK(run_cli({"cache", "gc", "--evict-older-than", "a week", "--cache-dir", c}).exit_code != 0);
}
