// The team cache on a real nginx with WebDAV PUT, started here on a free
// loopback port: plain GET / PUT / HEAD of prefix/<key hex>, as ccache's HTTP
// storage does. Two clients share results, a server killed mid-run costs one
// warning, forged entries are never served with a secret, read-only uploads
// nothing, a bearer token reaches the server.

#include <catch2/catch.hpp>

#include "lazycad/remote.hpp"
#include "server_support.hpp"

using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {
/// The files nginx holds under `folder`: what clients uploaded.
std::size_t files_in(const fs::path& folder) {
    std::size_t n = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) n += it->is_regular_file();
    return n;
}

RemoteFailure failure_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const RemoteError& e) {
        return e.failure();
    }
    FAIL("no RemoteError");
    return RemoteFailure::refused;
}
} // namespace

#define NGINX_OR_SKIP(name) SERVER_OR_SKIP(NginxServer, "nginx", name)

TEST_CASE("http: the backend's GET / PUT / HEAD / DELETE and typed failures", "[remote][http]") {
    NGINX_OR_SKIP(nginx);
    auto backend = open_remote_backend(nginx.url());
    const std::string key(64, 'a');
    CHECK_FALSE(backend->head(key));
    CHECK_FALSE(backend->get(key));
    std::string bytes("LZCD\0\x01\xff binary", 16);
    backend->put(key, bytes);
    CHECK(read_bytes(nginx.data() / "cache" / key) == bytes); // prefix/<key hex>, verbatim
    CHECK(backend->head(key));
    CHECK(backend->get(key) == bytes);
    backend->remove(key);
    CHECK_FALSE(backend->head(key));
    CHECK(backend->describe() == nginx.url());
    CHECK(open_remote_backend("http://user:pw@127.0.0.1:1/p/")->describe() == "http://127.0.0.1:1/p");

    // No PUT there: the server answers, and refuses.
    CHECK(failure_of([&] { open_remote_backend(nginx.url("static"))->put(key, bytes); }) == RemoteFailure::refused);
    // A token-protected folder: refused without the token, served with it.
    CHECK(failure_of([&] { open_remote_backend(nginx.url("private"))->put(key, bytes); }) == RemoteFailure::refused);
    {
        EnvGuard token("LAZYCAD_REMOTE_CACHE_TOKEN", NginxServer::token);
        auto authorised = open_remote_backend(nginx.url("private"));
        authorised->put(key, bytes);
        CHECK(authorised->get(key) == bytes);
    }
    // Nobody listening: unavailable at once. A hung server: a timeout.
    CHECK(failure_of([&] { open_remote_backend(fmt::format("http://127.0.0.1:{}/c", free_loopback_port()))->get(key); }) ==
          RemoteFailure::unavailable);
    nginx.pause();
    auto t0 = std::chrono::steady_clock::now();
    CHECK(failure_of([&] { open_remote_backend(nginx.url() + "|operation-timeout=200")->get(key); }) ==
          RemoteFailure::timeout);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
    require_error([] { open_remote_backend("http://"); }, "remote cache", "url");
    require_error([&] { open_remote_backend(nginx.url() + "|operation-timeout=soon"); }, "remote cache", "url");
}

TEST_CASE("http: a second client on an empty folder loads the roots from nginx", "[remote][http][cli]") {
    NGINX_OR_SKIP(nginx);
    TempDir models("models");
    write_text(models / "m.cpp", documented_script);
    const std::string secret = "LAZYCAD_CACHE_SECRET=team-secret";
    Client alice, bob;

    CliResult a = run_cli({"run", (models / "m.cpp").string(), "--remote-cache", nginx.url(), "--stats=json"},
                          alice.env(secret));
    INFO(a.output);
    REQUIRE(a.exit_code == 0);
    CHECK(stats_of(a)["computed"] > 0);
    CHECK(stats_of(a)["remote_stored"] >= 1);
    CHECK(files_in(nginx.data() / "cache") == stats_of(a)["remote_stored"].get<std::size_t>());
    CHECK_THAT(a.output, !Contains("warning"));

    CliResult b = run_cli({"run", (models / "m.cpp").string(), "-v", "--stats=json"},
                          bob.env(secret + " LAZYCAD_REMOTE_CACHE=" + nginx.url()));
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    CHECK(stats_of(b)["computed"] == 0);
    CHECK(stats_of(b)["remote_hits"] >= 1);
    CHECK(stats_of(b)["disk_hits"] == 0);
    CHECK_THAT(b.output, !Contains("warning"));
    CHECK(printed_volume(b.output) == Approx(holed_block_volume(20)).margin(0.01));
    CHECK(entries_in(bob.cache()) == stats_of(b)["remote_hits"].get<std::size_t>());
    CliResult b2 = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                           bob.env(secret + " LAZYCAD_REMOTE_CACHE=" + nginx.url()));
    REQUIRE(b2.exit_code == 0);
    CHECK(stats_of(b2)["disk_hits"] >= 1);
    CHECK(stats_of(b2)["remote_hits"] == 0);

    SECTION("|read-only: hits are served, nothing is uploaded") {
        Client dave;
        std::string ro = secret + " 'LAZYCAD_REMOTE_CACHE=" + nginx.url() + "|read-only'";
        std::size_t before = files_in(nginx.data() / "cache");
        CliResult d = run_cli({"run", (models / "m.cpp").string(), "--stats=json"}, dave.env(ro));
        INFO(d.output);
        REQUIRE(d.exit_code == 0);
        CHECK(stats_of(d)["remote_hits"] >= 1);
        CliResult d7 = run_cli({"run", (models / "m.cpp").string(), "-D", "height=7", "--stats=json"}, dave.env(ro));
        INFO(d7.output);
        REQUIRE(d7.exit_code == 0);
        CHECK(stats_of(d7)["computed"] > 0);
        CHECK(stats_of(d7)["remote_stored"] == 0);
        CHECK(files_in(nginx.data() / "cache") == before);
    }
    SECTION("a bearer token from LAZYCAD_REMOTE_CACHE_TOKEN") {
        Client carol, dan;
        std::string remote = " LAZYCAD_REMOTE_CACHE=" + nginx.url("private");
        CliResult c = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                              carol.env(secret + remote + " LAZYCAD_REMOTE_CACHE_TOKEN=" + NginxServer::token));
        INFO(c.output);
        REQUIRE(c.exit_code == 0);
        CHECK(stats_of(c)["remote_errors"] == 0);
        CHECK(stats_of(c)["remote_stored"] >= 1);
        CliResult d = run_cli({"run", (models / "m.cpp").string(), "--stats=json"}, dan.env(secret + remote));
        INFO(d.output);
        REQUIRE(d.exit_code == 0);
        CHECK(stats_of(d)["remote_hits"] == 0);
        CHECK(stats_of(d)["remote_errors"] == 1);
        CHECK(count_of(d.output, "HTTP 401") == 1);
        CHECK_THAT(d.out, !Contains("<html>")); // an error page is not printed
    }
}

TEST_CASE("http: forged entries are never served when a secret is set", "[remote][http][cli]") {
    NGINX_OR_SKIP(nginx);
    TempDir models("models");
    write_text(models / "m.cpp", documented_script);
    Client mallory, bob, carol;
    std::string remote = " LAZYCAD_REMOTE_CACHE=" + nginx.url();
    CliResult m = run_cli({"run", (models / "m.cpp").string(), "--stats=json"},
                          mallory.env("LAZYCAD_CACHE_SECRET=not-the-team-secret" + remote));
    INFO(m.output);
    REQUIRE(m.exit_code == 0);
    REQUIRE(stats_of(m)["remote_stored"] >= 1);
    CliResult b = run_cli({"run", (models / "m.cpp").string(), "-v", "--stats=json"},
                          bob.env("LAZYCAD_CACHE_SECRET=team-secret LAZYCAD_REMOTE_CACHE=" + nginx.url() +
                                  "'|read-only'"));
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    CHECK(stats_of(b)["remote_hits"] == 0);
    CHECK(stats_of(b)["computed"] > 0);
    CHECK(count_of(b.output, "no valid MAC") == 1);
    CHECK(printed_volume(b.output) == Approx(holed_block_volume(20)).margin(0.01));

    // Tampered on the server's disk: a flipped payload byte in every entry.
    for (const auto& e : fs::directory_iterator(nginx.data() / "cache")) {
        std::string bytes = read_bytes(e.path());
        bytes.back() ^= 1;
        write_bytes(e.path(), bytes);
    }
    CliResult c = run_cli({"run", (models / "m.cpp").string(), "-v", "--stats=json"},
                          carol.env("LAZYCAD_CACHE_SECRET=team-secret" + remote));
    INFO(c.output);
    REQUIRE(c.exit_code == 0);
    CHECK(stats_of(c)["remote_hits"] == 0);
    CHECK(stats_of(c)["computed"] > 0);
    CHECK(count_of(c.output, "is not used") >= 1);
    CHECK(printed_volume(c.output) == Approx(holed_block_volume(20)).margin(0.01));
}

TEST_CASE("http: nginx killed mid-run costs one warning, not the result", "[remote][http]") {
    NGINX_OR_SKIP(nginx);
    TempDir cache("cache");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    EvalOptions o = with_cache(cache.path(), 1);
    o.cache.remote = nginx.url();
    o.on_progress = [&](const Progress&) { nginx.kill(); };
    double h = 19.375; // geometry new to this process: several booleans
    std::vector<Shape> holes;
    for (int i = 0; i < 4; ++i) holes.push_back(cylinder(1, h).right(2 + 2.5 * i).forw(5));
    Shape part = box(12, 10, h) - union_all(holes);
    WarningCatcher w;
    auto t0 = std::chrono::steady_clock::now();
    Evaluation e = evaluate({part}, o);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double lost = seconds - e.compute_ms / 1000 - e.check_ms / 1000;
    INFO(fmt::format("{:.2f} s in all, {:.2f} s not computing", seconds, lost));
    CHECK(e.computed > 0);
    CHECK(e.remote_errors >= 1);
    CHECK(e.remote_hits == 0);
    CHECK(lost < 1.0);
    REQUIRE(w.warnings().size() == 1);
    CHECK_THAT(w.warnings().front(), Contains("remote cache") && Contains("unavailable"));
    CHECK(volume(part, without_cache()) == Approx(12 * 10 * h - 4 * M_PI * h).epsilon(1e-6));
    CHECK(entries_in(cache.path()) >= 1);
}

TEST_CASE("http: a hung nginx costs one request timeout, then is skipped", "[remote][http]") {
    NGINX_OR_SKIP(nginx);
    TempDir cache("cache");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", "team-secret");
    EvalOptions o = with_cache(cache.path(), 1);
    o.cache.remote = nginx.url();
    // Stopped, not dead: connections are still accepted, nothing answers.
    nginx.pause();
    HungRemoteRun run = run_against_hung_remote(o, 23.625);
    CHECK(run.evaluation.remote_errors == 1);
    CHECK(run.evaluation.computed > 0);
    CHECK(run.lost_seconds < 1.5); // one 1 s request timeout, then the remote is off
    REQUIRE(run.warnings.size() == 1);
    CHECK_THAT(run.warnings.front(), Contains("timeout"));
    CHECK(volume(run.part, without_cache()) == Approx(run.expected_volume).epsilon(1e-6));
}
