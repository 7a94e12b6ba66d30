// The team cache on a real redis-server, started here on a free loopback port:
// two clients with separate folders share results, a server that dies mid-run
// costs one warning, forged entries are never served with a secret.

#include <catch2/catch.hpp>

#include <map>
#include <mutex>

#include "lazycad/remote.hpp"
#include "server_support.hpp"

using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("remote: a second client on an empty folder loads the roots from redis", "[remote][cli]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    TempDir models("models");
    write_text(models / "m.cpp", documented_script);
    const std::string secret = "LAZYCAD_CACHE_SECRET=team-secret";
    Client alice, bob;

    // Alice computes and uploads (configured by the flag)...
    CliResult a = run_cli({"run", (models / "m.cpp").string(), "--remote-cache", redis.url(), "--stats=json"},
                          alice.env(secret));
    INFO(a.output);
    REQUIRE(a.exit_code == 0);
    CHECK(stats_of(a)["computed"] > 0);
    CHECK(stats_of(a)["remote_stored"] >= 1);
    CHECK(stats_of(a)["remote_hits"] == 0);
    CHECK_THAT(a.output, !Contains("warning"));

    // ...Bob, with an empty folder (configured by the environment), computes nothing.
    CliResult b = run_cli({"run", (models / "m.cpp").string(), "-v", "--stats=json"},
                          bob.env(secret + " LAZYCAD_REMOTE_CACHE=" + redis.url()));
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    CHECK(stats_of(b)["computed"] == 0);
    CHECK(stats_of(b)["remote_hits"] >= 1);
    CHECK(stats_of(b)["disk_hits"] == 0);
    CHECK_THAT(b.output, !Contains("warning"));
    auto volume = b.output.find("): volume ");
    REQUIRE(volume != std::string::npos);
    CHECK(std::stod(b.output.substr(volume + 10)) == Approx(holed_block_volume(20)).margin(0.01));
    // Bob's folder now holds the entries: his next run is local.
    CHECK(entries_in(bob.cache()) == stats_of(b)["remote_hits"].get<std::size_t>());
    CliResult b2 = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                           bob.env(secret + " LAZYCAD_REMOTE_CACHE=" + redis.url()));
    REQUIRE(b2.exit_code == 0);
    CHECK(stats_of(b2)["disk_hits"] >= 1);
    CHECK(stats_of(b2)["remote_hits"] == 0);
    CHECK(stats_of(b2)["computed"] == 0);

    SECTION("|read-only: hits are served, nothing is uploaded") {
        Client dave, erin;
        std::string ro = secret + " 'LAZYCAD_REMOTE_CACHE=" + redis.url() + "|read-only'";
        CliResult d = run_cli({"run", (models / "m.cpp").string(), "--stats=json"}, dave.env(ro));
        INFO(d.output);
        REQUIRE(d.exit_code == 0);
        CHECK(stats_of(d)["computed"] == 0);
        CHECK(stats_of(d)["remote_hits"] >= 1);
        CliResult d7 = run_cli({"run", (models / "m.cpp").string(), "-D", "height=7", "--stats=json"}, dave.env(ro));
        REQUIRE(d7.exit_code == 0);
        CHECK(stats_of(d7)["computed"] > 0);
        CHECK(stats_of(d7)["remote_stored"] == 0);
        CHECK(stats_of(d7)["stored"] >= 1); // the local folder still gets them
        CliResult e7 = run_cli({"run", (models / "m.cpp").string(), "-D", "height=7", "--stats=json"},
                               erin.env(secret + " LAZYCAD_REMOTE_CACHE=" + redis.url()));
        REQUIRE(e7.exit_code == 0);
        CHECK(stats_of(e7)["remote_hits"] == 0);
    }
    SECTION("without a secret, one notice says the remote is trusted as it is") {
        Client carol;
        CliResult c = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                              carol.env("LAZYCAD_REMOTE_CACHE=" + redis.url()));
        INFO(c.output);
        REQUIRE(c.exit_code == 0);
        CHECK(count_of(c.output, "is trusted as it is") == 1);
        // Alice's entries carry a MAC; a client without the secret checks only
        // the digest, and may use them.
        CHECK(stats_of(c)["computed"] == 0);
    }
}

TEST_CASE("remote: forged entries are never served when a secret is set", "[remote][cli]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    TempDir models("models");
    write_text(models / "m.cpp", documented_script);
    Client mallory, bob;
    std::string remote = " LAZYCAD_REMOTE_CACHE=" + redis.url();

    // Mallory fills the server with entries made with another secret...
    CliResult m = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                          mallory.env("LAZYCAD_CACHE_SECRET=not-the-team-secret" + remote));
    INFO(m.output);
    REQUIRE(m.exit_code == 0);
    std::size_t uploaded = stats_of(m)["remote_stored"];
    REQUIRE(uploaded >= 1);
    // Signed with another secret: sound bytes, no valid MAC for the team's.
    CliResult b = run_cli({"run", (models / "m.cpp").string(), "-v", "--stats=json"},
                          bob.env("LAZYCAD_CACHE_SECRET=team-secret" + remote));
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    CHECK(stats_of(b)["remote_hits"] == 0);
    CHECK(stats_of(b)["computed"] > 0);
    CHECK(count_of(b.output, "no valid MAC") == 1);
    auto volume = b.output.find("): volume ");
    REQUIRE(volume != std::string::npos);
    CHECK(std::stod(b.output.substr(volume + 10)) == Approx(holed_block_volume(20)).margin(0.01));

    // Tampered on the server through the public interface: a flipped payload byte.
    auto backend = open_remote_backend(redis.url());
    std::string key;
    for (const auto& e : fs::recursive_directory_iterator(mallory.cache() / "objects"))
        if (e.is_regular_file() && e.path().filename().string().size() == 64) key = e.path().filename().string();
    REQUIRE(key.size() == 64);
    REQUIRE(backend->head(key));
    std::string bytes = *backend->get(key);
    bytes[bytes.size() - 1] ^= 1;
    backend->put(key, bytes);
    Client carol;
    CliResult c = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                          carol.env("LAZYCAD_CACHE_SECRET=team-secret" + remote));
    INFO(c.output);
    REQUIRE(c.exit_code == 0);
    CHECK(stats_of(c)["remote_hits"] == 0);
    CHECK(stats_of(c)["computed"] > 0);
    CHECK(count_of(c.output, "is not used") == 1);
}

TEST_CASE("remote: the server killed mid-run costs one warning, not the result", "[remote]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    TempDir cache("cache");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    EvalOptions o = with_cache(cache.path(), 1);
    o.cache.remote = redis.url();
    // Killed when the first node starts: the rest of the run finds no server.
    o.on_progress = [&](const Progress&) { redis.kill(); };
    // Fresh geometry (not in this process's memory cache): several booleans.
    double h = 17.25;
    std::vector<Shape> holes;
    for (int i = 0; i < 4; ++i) holes.push_back(cylinder(1, h).right(2 + 2.5 * i).forw(5));
    Shape part = box(12, 10, h) - union_all(holes);
    WarningCatcher w;
    auto t0 = std::chrono::steady_clock::now();
    Evaluation e = evaluate({part}, o);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(e.computed > 0);
    CHECK(e.remote_errors >= 1);
    CHECK(e.remote_hits == 0);
    CHECK(volume(part, without_cache()) == Approx(12 * 10 * h - 4 * M_PI * h).epsilon(1e-6));
    std::size_t remote_warnings = 0;
    for (const std::string& m : w.warnings()) remote_warnings += m.find("remote cache") != std::string::npos;
    INFO(fmt::format("{} warnings", w.warnings().size()));
    CHECK(remote_warnings == 1);
    CHECK(seconds < 10);
    // The local folder still got the results.
    CHECK(entries_in(cache.path()) >= 1);
}

TEST_CASE("remote: a hung server costs one timeout, then is skipped", "[remote]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    TempDir cache("cache");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    EvalOptions o = with_cache(cache.path(), 1);
    o.cache.remote = redis.url();
    // Connected first (a hit-less probe), then the server stops answering.
    REQUIRE(evaluate({box(1, 2, 3.5) - cylinder(0.25, 3.5).right(0.5).forw(1)}, o).remote_errors == 0);
    redis.pause();
    HungRemoteRun run = run_against_hung_remote(o, 13.75);
    CHECK(run.evaluation.remote_errors == 1);
    CHECK(run.lost_seconds < 1.0); // one 500 ms command timeout, then the remote is off
    REQUIRE(run.warnings.size() == 1);
    CHECK_THAT(run.warnings.front(), Contains("timeout"));
    CHECK(volume(run.part, without_cache()) == Approx(run.expected_volume).epsilon(1e-6));
}

TEST_CASE("remote: two cold clients at once compute each expensive node once (Redis lease)", "[remote][cli]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    TempDir models("models");
    // One expensive thread (a few hundred ms to seconds), and the bolt as the root.
    write_text(models / "bolt.cpp", R"(#include <lazycad/lazycad.hpp>
#include <lazycad/parts.hpp>
using namespace lazycad;
LAZYCAD_MODEL() { display(bolt("M8", 16)); }
)");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    EnvGuard no_env_remote("LAZYCAD_REMOTE_CACHE", std::nullopt);
    Client alice, bob;
    // Scripts compiled beforehand (never shared), so both start evaluating together.
    for (const Client* c : {&alice, &bob})
        REQUIRE(run_cli({"tree", (models / "bolt.cpp").string(), "--cache-dir", c->cache().string()}).exit_code == 0);
    std::vector<CliProcess> procs;
    for (const Client* c : {&alice, &bob})
        procs.push_back(start_cli({"run", (models / "bolt.cpp").string(), "--cache-dir", c->cache().string(),
                                   "--remote-cache", redis.url(), "--stats=json"},
                                  c->home / "out"));
    std::vector<nlohmann::json> stats;
    for (const CliProcess& p : procs) {
        REQUIRE(p.pid > 0);
        int rc = wait_cli(p);
        std::string out = read_bytes(p.output);
        INFO(out);
        REQUIRE(rc == 0);
        CHECK_THAT(out, !Contains("warning"));
        stats.push_back(nlohmann::json::parse(last_line(out)));
    }
    std::size_t entries = entries_in(alice.cache());
    INFO(fmt::format("alice {}\nbob {}", stats[0].dump(), stats[1].dump()));
    REQUIRE(entries >= 1);
    CHECK(entries_in(bob.cache()) == entries);
    // Each entry was computed and uploaded by exactly one of them; without the
    // lease both would compute the thread (2 × entries).
    CHECK(stats[0]["remote_stored"].get<std::size_t>() + stats[1]["remote_stored"].get<std::size_t>() ==
          entries);
    CHECK(stats[0]["remote_hits"].get<std::size_t>() + stats[1]["remote_hits"].get<std::size_t>() >= 1);
}

namespace {
/// A user's own store (here: a map in this process), plugged in through the
/// public interface alone, as the issue's custom cache adapter would be.
class MapBackend : public RemoteBackend {
public:
    std::optional<std::string> get(const std::string& k) override {
        std::lock_guard lock(m);
        auto it = entries.find(k);
        return it == entries.end() ? std::nullopt : std::optional(it->second);
    }
    void put(const std::string& k, std::string_view bytes) override {
        std::lock_guard lock(m);
        entries[k] = std::string(bytes);
    }
    bool head(const std::string& k) override {
        std::lock_guard lock(m);
        return entries.count(k) != 0;
    }
    void remove(const std::string& k) override {
        std::lock_guard lock(m);
        entries.erase(k);
    }
    std::string describe() const override { return "map://"; }
    static inline std::mutex m;
    static inline std::map<std::string, std::string> entries;
};
} // namespace

TEST_CASE("remote: a backend of the user's own, registered by scheme", "[remote]") {
    register_remote_scheme("map", [](const std::string&) { return std::make_unique<MapBackend>(); });
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    TempDir a("cache-a"), b("cache-b");
    double h = 11.125; // geometry new to this process
    Shape part = box(10, 10, h) - cylinder(3, h).right(5).forw(5);
    EvalOptions oa = with_cache(a.path(), 1), ob = with_cache(b.path(), 1);
    oa.cache.remote = ob.cache.remote = "map://team";
    Evaluation first = evaluate({part}, oa);
    CHECK(first.computed > 0);
    CHECK(first.remote_stored >= 1);
    CHECK(MapBackend::entries.count(part.key().hex()) == 1);
    clear_memory_cache();
    Evaluation second = evaluate({part}, ob);
    CHECK(second.computed == 0);
    CHECK(second.remote_hits == 1);
    CHECK(volume(part, without_cache()) == Approx(holed_block_volume(h)).epsilon(1e-6));
    require_error([] { open_remote_backend("ftp://x"); }, "remote cache", "url");
}

namespace {
/// A slow remote (10 ms a call, as across a WAN) that counts its calls and
/// how many ran at once.
class SlowBackend : public MapBackend {
public:
    std::optional<std::string> get(const std::string& k) override {
        Busy b;
        gets += 1;
        return MapBackend::get(k);
    }
    bool head(const std::string& k) override {
        Busy b;
        heads += 1;
        return MapBackend::head(k);
    }
    std::string describe() const override { return "slow://"; }
    static inline std::atomic<int> gets{0}, heads{0}, in_flight{0}, most_in_flight{0};

private:
    struct Busy {
        Busy() {
            int now = ++in_flight;
            for (int seen = most_in_flight; now > seen && !most_in_flight.compare_exchange_weak(seen, now);) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ~Busy() { --in_flight; }
    };
};
} // namespace

TEST_CASE("remote: the walk probes the remote in parallel batches, and uploads local roots the remote lacks",
          "[remote]") {
    register_remote_scheme("slow", [](const std::string&) { return std::make_unique<SlowBackend>(); });
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    TempDir a("cache-a"), b("cache-b");
    // Six independent parts (six roots), new to this process.
    std::vector<Shape> parts;
    for (int i = 0; i < 6; ++i) parts.push_back(box(10, 10, 7.0625 + i) - cylinder(3, 7.0625 + i).right(5).forw(5));

    // Computed before the remote was configured: the folder only.
    Evaluation local = evaluate(parts, with_cache(a.path(), 1));
    REQUIRE(local.stored == parts.size());
    clear_memory_cache();
    // Configured now: the roots are local hits, the remote lacks them: uploaded.
    EvalOptions oa = with_cache(a.path(), 1);
    oa.cache.remote = "slow://team";
    Evaluation warm = evaluate(parts, oa);
    CHECK(warm.disk_hits == parts.size());
    CHECK(warm.remote_stored == parts.size());
    CHECK(SlowBackend::heads == int(parts.size()));
    for (const Shape& p : parts) CHECK(MapBackend::entries.count(p.key().hex()) == 1);
    clear_memory_cache();
    // Once there, a warm run only asks (HEAD), uploads nothing.
    CHECK(evaluate(parts, oa).remote_stored == 0);

    // Another client, empty folder: the six roots are asked together, in parallel.
    clear_memory_cache();
    SlowBackend::gets = 0;
    SlowBackend::most_in_flight = 0;
    EvalOptions ob = with_cache(b.path(), 1);
    ob.cache.remote = "slow://team";
    Evaluation remote = evaluate(parts, ob);
    CHECK(remote.computed == 0);
    CHECK(remote.remote_hits == parts.size());
    CHECK(SlowBackend::gets == int(parts.size()));
    CHECK(SlowBackend::most_in_flight > 1);
    for (std::size_t i = 0; i < parts.size(); ++i)
        CHECK(volume(parts[i], without_cache()) == Approx(holed_block_volume(7.0625 + double(i))).epsilon(1e-6));
}

TEST_CASE("remote: redis entries with a TTL expire", "[remote]") {
    SERVER_OR_SKIP(RedisServer, "redis-server", redis);
    const std::string key(64, 'b');
    auto lasting = open_remote_backend(redis.url());
    lasting->put(key, "forever");
    auto brief = open_remote_backend(redis.url() + "|ttl=1s");
    const std::string other(64, 'c');
    brief->put(other, "a second");
    CHECK(brief->get(other) == std::string("a second")); // a hit renews the TTL (GETEX)
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    CHECK_FALSE(brief->head(other));
    CHECK(lasting->head(key));
    require_error([&] { open_remote_backend(redis.url() + "|ttl=soon"); }, "cache", "ttl");
    WarningCatcher w;
    open_remote_backend(redis.url() + "|colour=red");
    REQUIRE(w.warnings().size() == 1);
    CHECK_THAT(w.warnings().front(), Contains("colour"));
}

TEST_CASE("remote: urls split at their attributes", "[remote]") {
    RemoteUrl u = split_remote_url("redis://h:1/2|ttl=7d||read-only");
    CHECK(u.url == "redis://h:1/2");
    REQUIRE(u.attributes.size() == 2);
    CHECK(u.attributes[0] == std::pair<std::string, std::string>("ttl", "7d"));
    CHECK(u.attributes[1] == std::pair<std::string, std::string>("read-only", ""));
    CHECK(split_remote_url("http://h/p").attributes.empty());
}
