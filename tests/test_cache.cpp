// The directory cache: where it lives, what an entry holds, that a bad entry
// is a verified miss (removed, warned, recomputed), atomic publication,
// several processes on one folder, and an unusable folder.

#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <thread>

#include <BRepGProp.hxx>
#include <BinTools.hxx>
#include <GProp_GProps.hxx>
#include <TopoDS_Shape.hxx>
#include <fmt/format.h>

#include "cache/atomic_file.hpp"
#include "cache/directory_store.hpp"
#include "cache/store_registry.hpp"
#include "foundation_support.hpp"
#include "graph/key_encoder.hpp"
#include "lazycad/lazycad.hpp"
#include "process.hpp"
#include "script_runner.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;

namespace {

std::uint64_t le(const std::string& b, std::size_t at, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t(std::uint8_t(b[at + i])) << (8 * i);
    return v;
}

double volume_of(const TopoDS_Shape& s) {
    GProp_GProps p;
    BRepGProp::VolumeProperties(s, p, 1e-6);
    return p.Mass();
}

/// Every file under objects/ that is not a temporary file.
std::vector<fs::path> entry_files(const fs::path& root) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root / "objects", ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && !detail::is_temporary_name(it->path().filename().string()))
            out.push_back(it->path());
    return out;
}

/// A model with several expensive nodes (booleans), to give concurrent
/// writers something to race on. Volume: plate minus 16 holes plus 2 bosses;
/// `seed` changes every boolean, so each seed computes and stores anew.
const char* busy_script = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    double seed = param("seed", 0.0);
    std::vector<Shape> holes;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j)
            holes.push_back(cylinder(1.5 + 0.01 * seed, 5).right(5 + 10 * i).forw(5 + 10 * j));
    Shape plate = box(40, 40, 5) - union_all(holes);
    Shape boss = cylinder(2, 3 + seed).up(5).right(10).forw(15) + cylinder(2, 3).up(5).right(30).forw(25);
    display(plate + boss);
}
)";
double busy_volume(double seed) {
    double r = 1.5 + 0.01 * seed;
    return 40 * 40 * 5 - 16 * M_PI * r * r * 5 + M_PI * 4 * (3 + seed) + M_PI * 4 * 3;
}

/// The volume that `lazycad run -v` printed for its first shape.
std::optional<double> printed_volume(const std::string& output) {
    auto p = output.find("): volume ");
    if (p == std::string::npos) return std::nullopt;
    return std::stod(output.substr(p + 10));
}

} // namespace

TEST_CASE("cache: default location is LAZYCAD_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache", "[cache]") {
    CacheOptions o;
    SECTION("LAZYCAD_CACHE_DIR wins over the others") {
        EnvGuard a("LAZYCAD_CACHE_DIR", "/tmp/lz-a"), b("XDG_CACHE_HOME", "/tmp/xdg"), c("HOME", "/tmp/home");
        CHECK(o.resolve() == "/tmp/lz-a");
    }
    SECTION("then $XDG_CACHE_HOME/lazycad") {
        EnvGuard a("LAZYCAD_CACHE_DIR", std::nullopt), b("XDG_CACHE_HOME", "/tmp/xdg"), c("HOME", "/tmp/home");
        CHECK(o.resolve() == "/tmp/xdg/lazycad");
    }
    SECTION("an empty variable counts as unset") {
        EnvGuard a("LAZYCAD_CACHE_DIR", ""), b("XDG_CACHE_HOME", ""), c("HOME", "/tmp/home");
        CHECK(o.resolve() == "/tmp/home/.cache/lazycad");
    }
    SECTION("a relative XDG_CACHE_HOME is invalid by the XDG spec and ignored") {
        EnvGuard a("LAZYCAD_CACHE_DIR", std::nullopt), b("XDG_CACHE_HOME", "rel/cache"), c("HOME", "/tmp/home");
        CHECK(o.resolve() == "/tmp/home/.cache/lazycad");
    }
    SECTION("then ~/.cache/lazycad") {
        EnvGuard a("LAZYCAD_CACHE_DIR", std::nullopt), b("XDG_CACHE_HOME", std::nullopt), c("HOME", "/tmp/home");
        CHECK(o.resolve() == "/tmp/home/.cache/lazycad");
    }
    SECTION("no home at all: no cache folder") {
        EnvGuard a("LAZYCAD_CACHE_DIR", std::nullopt), b("XDG_CACHE_HOME", std::nullopt), c("HOME", std::nullopt);
        CHECK_FALSE(o.resolve().has_value());
    }
    SECTION("an explicit folder (--cache-dir) wins over every variable") {
        EnvGuard a("LAZYCAD_CACHE_DIR", "/tmp/lz-a");
        o.dir = "/tmp/explicit";
        CHECK(o.resolve() == "/tmp/explicit");
    }
}

TEST_CASE("cache: --cache-dir and --no-cache override $LAZYCAD_CACHE_DIR", "[cache][cli]") {
    TempDir env_dir("env-cache"), flag_dir("flag-cache"), models("models");
    write_text(models / "m.cpp", documented_script);
    EnvGuard env("LAZYCAD_CACHE_DIR", env_dir.path().string());

    SECTION("--cache-dir") {
        CliResult r = run_cli({"run", (models / "m.cpp").string(), "--cache-dir", flag_dir.path().string(),
                               "--stats=json"});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(stats_of(r)["stored"] == 1);
        CHECK(entry_files(flag_dir.path()).size() == 1);
        CHECK_FALSE(fs::exists(env_dir / "objects"));
    }
    SECTION("--no-cache") {
        CliResult r = run_cli({"run", (models / "m.cpp").string(), "--no-cache", "--stats=json"});
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(stats_of(r)["stored"] == 0);
        CHECK(stats_of(r)["computed"] == 5);
        CHECK(fs::is_empty(env_dir.path())); // neither entries nor the compiled script
        CHECK_THAT(r.output, !Contains("warning"));
    }
}

TEST_CASE("cache: an entry is header + readable record + BRep payload, sharded by two hex digits", "[cache]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    Shape s = holed_block(20);
    Stats st = evaluate({s}, o);
    CHECK(st.stored == 1); // only the root: the difference (expensive) is the root itself

    std::string hex = s.key().hex();
    fs::path path = dir / "objects" / hex.substr(0, 2) / hex;
    REQUIRE(fs::is_regular_file(path));
    for (const auto& shard : fs::directory_iterator(dir / "objects")) {
        CHECK(shard.is_directory());
        CHECK(shard.path().filename().string().size() == 2);
    }

    std::string b = read_bytes(path);
    REQUIRE(b.size() > 120);
    CHECK(b.substr(0, 8) == "LZCDNODE");
    CHECK(le(b, 8, 4) == detail::entry_format_version);
    CHECK(std::memcmp(b.data() + 12, s.key().bytes.data(), 32) == 0);
    std::uint64_t record_len = le(b, 44, 4), payload_len = le(b, 48, 8);
    const std::size_t header = 120; // with the MAC field, zeros without a secret
    REQUIRE(b.size() == header + record_len + payload_len);
    std::string record = b.substr(header, record_len), payload = b.substr(header + record_len);
    NodeKey digest = sha256(record + payload);
    CHECK(std::memcmp(b.data() + 56, digest.bytes.data(), 32) == 0);
    CHECK(b.substr(88, 32) == std::string(32, '\0')); // no secret configured: no MAC

    auto j = nlohmann::json::parse(record);
    CHECK(j["operation"] == "difference");
    CHECK(j["version"] == 2);
    CHECK(j["valid"] == true); // the root passed the validity check before it was stored
    CHECK(j["params"].is_object());
    REQUIRE(j["parents"].size() == 2);
    CHECK(j["parents"][0] == s.parents()[0].key().hex());
    CHECK(j["parents"][1] == s.parents()[1].key().hex());
    CHECK(j["compute_ms"].get<double>() >= 0);

    std::istringstream in(payload);
    TopoDS_Shape read;
    BinTools::Read(read, in);
    CHECK(volume_of(read) == Approx(holed_block_volume(20)).epsilon(1e-6));

    // The tools read the same record.
    std::vector<CacheEntry> listed = cache_list(o.cache);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].key == s.key());
    CHECK(listed[0].size == b.size());
    CHECK(nlohmann::json::parse(listed[0].record)["operation"] == "difference");
}

TEST_CASE("cache: a bad entry is a miss, is removed, is reported, and the model still evaluates", "[cache]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    std::shared_ptr<detail::DirectoryStore> store = detail::open_store(o.cache);
    REQUIRE(store);
    clear_memory_cache();
    Shape a = holed_block(20), b = holed_block(30);
    evaluate({a, b}, o);
    fs::path path = store->entry_path(a.key());
    std::string good = read_bytes(path);
    REQUIRE(good.size() > 200);
    const std::size_t payload_at = detail::entry_header_size + le(good, 44, 4);

    std::string bad = good;
    std::string reason;
    Shape victim = a;
    SECTION("truncated") {
        bad.resize(good.size() - 100);
        reason = "does not match its header";
    }
    SECTION("truncated inside the header") {
        bad.resize(40);
        reason = "truncated header";
    }
    SECTION("zero length") {
        bad.clear();
        reason = "empty file";
    }
    SECTION("one bit flipped in the payload") {
        bad[payload_at + (good.size() - payload_at) / 2] ^= 0x10;
        reason = "digest mismatch";
    }
    SECTION("one bit flipped in the record") {
        bad[detail::entry_header_size + 3] ^= 0x01;
        reason = "digest mismatch";
    }
    SECTION("one bit flipped in the header's digest") {
        bad[60] ^= 0x04;
        reason = "digest mismatch";
    }
    SECTION("one bit flipped in the header's key") {
        bad[20] ^= 0x80;
        reason = "another key";
    }
    SECTION("one bit flipped in the header's payload length") {
        bad[48] ^= 0x01;
        reason = "does not match its header";
    }
    SECTION("a huge payload length that would wrap around") {
        for (int i = 0; i < 8; ++i) bad[48 + i] = char(0xff);
        reason = "does not match its header";
    }
    SECTION("bad magic") {
        bad[0] = 'X';
        reason = "bad magic";
    }
    SECTION("misplaced: the entry of key A copied to key B's path") {
        victim = b;
        path = store->entry_path(b.key());
        bad = good; // a's valid bytes
        reason = "belongs to another key";
    }
    INFO("expected reason: " << reason);

    // The store: a miss, the file removed, one warning naming it and why.
    write_bytes(path, bad);
    {
        WarningCatcher w;
        Stats st;
        CHECK_FALSE(store->load(victim.key(), st).has_value());
        CHECK_FALSE(fs::exists(path));
        REQUIRE(w.warnings().size() == 1);
        CHECK_THAT(w.warnings()[0], Contains(path.string()) && Contains(reason) && Contains("removed"));
        CHECK(st.bytes_read == 0);
    }

    // End to end from a cold memory cache: recomputed, right volume, entry rewritten valid.
    write_bytes(path, bad);
    clear_memory_cache();
    WarningCatcher w;
    Stats st = evaluate({victim}, o);
    CHECK(w.warnings().size() == 1);
    CHECK(st.disk_hits == 0);
    CHECK(st.computed == 5);
    CHECK(st.stored == 1);
    double h = victim.key() == a.key() ? 20 : 30;
    CHECK(volume(victim, o) == Approx(holed_block_volume(h)).epsilon(1e-6));
    std::string why;
    CHECK(detail::decode_entry(victim.key(), read_bytes(path), why).has_value());

    // And the next cold run reads it back.
    clear_memory_cache();
    Stats again = evaluate({victim}, o);
    CHECK(again.disk_hits == 1);
    CHECK(again.computed == 0);
    CHECK(w.warnings().size() == 1);
}

TEST_CASE("cache: verify finds and removes bad entries, gc and clear", "[cache]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    Shape a = holed_block(20), b = holed_block(30), c = holed_block(40);
    evaluate({a, b, c}, o);
    REQUIRE(cache_list(o.cache).size() == 3);
    CHECK(cache_verify(o.cache) == 0);

    auto store = detail::open_store(o.cache);
    std::string bytes = read_bytes(store->entry_path(b.key()));
    bytes[bytes.size() - 5] ^= 1;
    write_bytes(store->entry_path(b.key()), bytes);
    {
        WarningCatcher w;
        CHECK(cache_verify(o.cache) == 1);
        CHECK(w.warnings().size() == 1);
    }
    CHECK(cache_list(o.cache).size() == 2);
    CHECK_FALSE(fs::exists(store->entry_path(b.key())));

    SECTION("gc evicts the least recently used first") {
        // a was used long ago, c recently.
        auto now = fs::file_time_type::clock::now();
        fs::last_write_time(store->entry_path(a.key()), now - std::chrono::hours(48));
        fs::last_write_time(store->entry_path(c.key()), now - std::chrono::hours(1));
        std::uint64_t c_size = fs::file_size(store->entry_path(c.key()));
        CHECK(cache_gc(o.cache, c_size) == 1);
        CHECK_FALSE(fs::exists(store->entry_path(a.key())));
        CHECK(fs::exists(store->entry_path(c.key())));
        CHECK(cache_gc(o.cache, 0) == 1);
        CHECK(cache_list(o.cache).empty());
    }
    SECTION("a disk hit refreshes the entry's last-used time") {
        auto old = fs::file_time_type::clock::now() - std::chrono::hours(48);
        fs::last_write_time(store->entry_path(a.key()), old);
        clear_memory_cache();
        CHECK(evaluate({a}, o).disk_hits == 1);
        CHECK(fs::last_write_time(store->entry_path(a.key())) > old + std::chrono::hours(47));
    }
    SECTION("clear removes every entry") {
        cache_clear(o.cache);
        CHECK(cache_list(o.cache).empty());
        CHECK(entry_files(dir.path()).empty());
    }
}

TEST_CASE("cache: publication is atomic, leftover temporary files are never read", "[cache]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    auto store = detail::open_store(o.cache);
    REQUIRE(store);
    clear_memory_cache();
    Shape s = holed_block(20);
    evaluate({s}, o);
    fs::path path = store->entry_path(s.key());
    std::string good = read_bytes(path);
    fs::remove(path);

    // What a writer killed mid-write leaves behind: half an entry under a temporary name.
    fs::path fresh_tmp = path.parent_path() / ".tmp.99999.0.00000000deadbeef";
    fs::path stale_tmp = path.parent_path() / ".tmp.99998.0.00000000cafebabe";
    write_bytes(fresh_tmp, good.substr(0, good.size() / 2));
    write_bytes(stale_tmp, good);
    fs::last_write_time(stale_tmp, fs::file_time_type::clock::now() - std::chrono::hours(2));

    WarningCatcher w;
    clear_memory_cache();
    Stats st = evaluate({s}, o);
    CHECK(st.disk_hits == 0);
    CHECK(st.computed == 5);
    CHECK(w.warnings().empty());
    CHECK(cache_list(o.cache).size() == 1); // temporary files are not entries
    CHECK(cache_verify(o.cache) == 0);

    cache_gc(o.cache, std::uint64_t(1) << 40);
    CHECK(fs::exists(fresh_tmp)); // may belong to a writer still running
    CHECK_FALSE(fs::exists(stale_tmp));

    // A failed write leaves neither the destination nor a temporary file.
    fs::path missing_dir = dir / "no-such-dir" / "entry";
    CHECK_THROWS(detail::write_file_atomically(missing_dir, "x"));
    CHECK_FALSE(fs::exists(missing_dir));
}

TEST_CASE("cache: writers killed with SIGKILL mid-run never leave a bad entry", "[cache][cli][slow]") {
    TempDir dir("cache"), models("models");
    fs::path model = models / "busy.cpp";
    write_text(model, busy_script);
    std::vector<std::string> common{"--cache-dir", dir.path().string(), "-j", "1"};
    auto args = [&](std::vector<std::string> a) {
        a.insert(a.end(), common.begin(), common.end());
        return a;
    };
    // Compile once, so that the kills below land during evaluation and storing,
    // and time one computing run: the kills are spread over that time (a fixed
    // delay would miss every run on a fast, idle machine).
    REQUIRE(run_cli(args({"run", model.string(), "-D", "seed=0"})).exit_code == 0);
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(run_cli(args({"run", model.string(), "-D", "seed=100"})).exit_code == 0);
    const auto run_time = std::chrono::steady_clock::now() - t0;

    int killed = 0;
    for (int i = 1; i <= 6; ++i) {
        CliProcess p = start_cli(args({"run", model.string(), "-D", fmt::format("seed={}", i)}),
                                 models / fmt::format("out{}", i));
        REQUIRE(p.pid > 0);
        std::this_thread::sleep_for(run_time * i / 8);
        kill(p.pid, SIGKILL);
        if (wait_cli(p) == 128 + SIGKILL) ++killed;
    }
    INFO("runs killed before finishing: " << killed);
    CHECK(killed >= 1);

    // Whatever was published is whole; a rerun of every seed succeeds with the right result.
    {
        WarningCatcher w;
        CHECK(cache_verify(with_cache(dir.path()).cache) == 0);
        CHECK(w.warnings().empty());
    }
    for (int i = 1; i <= 6; ++i) {
        CliResult r = run_cli(args({"run", model.string(), "-D", fmt::format("seed={}", i), "-v"}));
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.output, !Contains("warning"));
        REQUIRE(printed_volume(r.output));
        CHECK(*printed_volume(r.output) == Approx(busy_volume(i)).epsilon(1e-5));
    }
}

TEST_CASE("cache: four processes on one fresh cache folder all succeed with identical results", "[cache][cli][slow]") {
    TempDir dir("cache"), models("models");
    fs::path model = models / "busy.cpp";
    write_text(model, busy_script);
    // Started together on an empty folder: they race to compile the script and
    // to publish the same entries.
    std::vector<CliProcess> procs;
    for (int i = 0; i < 4; ++i)
        procs.push_back(start_cli({"run", model.string(), "--cache-dir", dir.path().string(), "-j", "1",
                                   "-v", "--stats=json"},
                                  models / fmt::format("out{}", i)));
    std::vector<double> volumes;
    for (const CliProcess& p : procs) {
        REQUIRE(p.pid > 0);
        int rc = wait_cli(p);
        std::string out = read_bytes(p.output);
        INFO(out);
        CHECK(rc == 0);
        CHECK_THAT(out, !Contains("warning"));
        auto v = printed_volume(out);
        REQUIRE(v);
        volumes.push_back(*v);
        auto stats = nlohmann::json::parse(last_line(out));
        CHECK(stats["computed"].get<int>() + stats["disk_hits"].get<int>() >= 1);
    }
    for (double v : volumes) CHECK(v == volumes.front());
    CHECK(volumes.front() == Approx(busy_volume(0)).epsilon(1e-5));

    WarningCatcher w;
    EvalOptions o = with_cache(dir.path());
    CHECK(cache_verify(o.cache) == 0);
    CHECK(w.warnings().empty());
    // Only whole entries and one compiled script; no temporary files left.
    for (const auto& e : fs::recursive_directory_iterator(dir.path()))
        CHECK_FALSE(detail::is_temporary_name(e.path().filename().string()));
    std::size_t scripts = 0;
    for (const auto& e : fs::directory_iterator(*script::script_folder_path({true, dir.path().string(), {}})))
        scripts += e.path().extension() == ".so";
    CHECK(scripts == 1);
    // A fifth run reads the final shape from disk and computes nothing.
    CliResult r = run_cli({"run", model.string(), "--cache-dir", dir.path().string(), "--stats=json"});
    REQUIRE(r.exit_code == 0);
    CHECK(stats_of(r)["computed"] == 0);
    CHECK(stats_of(r)["disk_hits"] == 1);
}

TEST_CASE("cache: an unusable cache folder gives one warning and no cache, the model still evaluates", "[cache]") {
    TempDir dir("cache");
    fs::path file = dir / "a-file";
    write_text(file, "not a folder");
    fs::path root;
    SECTION("a regular file where the folder should be") { root = file; }
    SECTION("a path below a regular file") { root = file / "cache"; }
    SECTION("objects/ is a regular file") {
        root = dir / "root";
        write_text(root / "objects", "not a folder");
    }
    EvalOptions o = with_cache(root);
    WarningCatcher w;
    clear_memory_cache();
    Stats st = evaluate({holed_block(20)}, o);
    CHECK(st.computed == 5);
    CHECK(st.stored == 0);
    CHECK(volume(holed_block(20), o) == Approx(holed_block_volume(20)).epsilon(1e-6));
    clear_memory_cache();
    CHECK(evaluate({holed_block(20)}, o).computed == 5);
    REQUIRE(w.warnings().size() == 1);
    CHECK_THAT(w.warnings()[0], Contains(root.string()) && Contains("without a cache"));
    clear_memory_cache(); // in memory it is; on disk it must not be
    CHECK(cache_state(holed_block(20), o.cache) == CacheState::missing);
    CHECK_THROWS_AS(cache_list(o.cache), Error);
}

TEST_CASE("cache: the CLI with an unusable cache folder succeeds with exactly one warning", "[cache][cli]") {
    TempDir dir("cache"), models("models");
    write_text(models / "m.cpp", documented_script);
    fs::path file = dir / "a-file";
    write_text(file, "not a folder");
    CliResult r = run_cli({"run", (models / "m.cpp").string(), "--cache-dir", (file / "cache").string(),
                           "-v", "--stats=json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(count_of(r.output, "warning") == 1);
    CHECK_THAT(r.output, Contains("without a cache"));
    CHECK(stats_of(r)["stored"] == 0);
    REQUIRE(printed_volume(r.output));
    CHECK(*printed_volume(r.output) == Approx(holed_block_volume(20)).epsilon(1e-5));
}

TEST_CASE("cache: a read-only cache folder (read-only bind mount) is read, with one warning", "[cache][cli]") {
    // Tests run as root, which ignores permission bits; a read-only mount in a
    // private mount namespace is a true read-only folder. Skipped where
    // unshare/mount are not allowed.
    TempDir dir("cache"), models("models");
    write_text(models / "m.cpp", documented_script);
    std::string ro = dir.path().string();
    // Populate it first, so the read-only folder holds a real cache.
    REQUIRE(run_cli({"run", (models / "m.cpp").string(), "--cache-dir", ro}).exit_code == 0);
    std::size_t entries = entry_files(dir.path()).size();

    auto probe = script::run_process({"unshare", "-m", "sh", "-c",
                                      "mount --bind '" + ro + "' '" + ro + "' && mount -o remount,bind,ro '" +
                                          ro + "' '" + ro + "' && ! touch '" + ro + "/probe' 2>/dev/null"});
    if (probe.exit_code != 0) {
        WARN("skipped: cannot make a read-only bind mount here (" << probe.output << ")");
        return;
    }
    auto run_ro = [&](const std::string& height) {
        std::string cmd = "mount --bind '" + ro + "' '" + ro + "' && mount -o remount,bind,ro '" + ro + "' '" +
                          ro + "' && '" LAZYCAD_CLI "' run '" + (models / "m.cpp").string() + "' --cache-dir '" +
                          ro + "' -D height=" + height + " -v --stats=json";
        return script::run_process({"unshare", "-m", "sh", "-c", cmd});
    };
    SECTION("a hit is served") {
        auto r = run_ro("20");
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(count_of(r.output, "warning") == 1);
        CHECK_THAT(r.output, Contains("nothing will be stored"));
        auto stats = nlohmann::json::parse(last_line(r.output));
        CHECK(stats["disk_hits"] == 1);
        CHECK(stats["computed"] == 0);
        REQUIRE(printed_volume(r.output));
        CHECK(*printed_volume(r.output) == Approx(holed_block_volume(20)).epsilon(1e-5));
    }
    SECTION("a miss is computed and not stored") {
        auto r = run_ro("25");
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(count_of(r.output, "warning") == 1);
        CHECK_THAT(r.output, Contains("nothing will be stored"));
        auto stats = nlohmann::json::parse(last_line(r.output));
        CHECK(stats["stored"] == 0);
        REQUIRE(printed_volume(r.output));
        CHECK(*printed_volume(r.output) == Approx(holed_block_volume(25)).epsilon(1e-5));
    }
    CHECK(entry_files(dir.path()).size() == entries);
}

TEST_CASE("cache: gc, clear and verify work on a full disk (a full 1 MB tmpfs)", "[cache][cli]") {
    // The cache's entries are copied onto a 1 MB tmpfs in a private mount
    // namespace, the rest of it is filled, then the tools run there.
    TempDir dir("cache"), mnt("full");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    evaluate({holed_block(20), holed_block(30), holed_block(40)}, o);
    REQUIRE(entry_files(dir.path()).size() == 3);
    const std::string m = mnt.path().string(), cli = LAZYCAD_CLI;
    auto probe = script::run_process({"unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs '" + m + "'"});
    if (probe.exit_code != 0) {
        WARN("skipped: cannot mount a tmpfs here (" << probe.output << ")");
        return;
    }
    std::string cmd = "mount -t tmpfs -o size=1m,mode=0755 tmpfs '" + m + "' && cp -r '" + dir.path().string() +
                      "/objects' '" + m + "/' && (dd if=/dev/zero of='" + m +
                      "/filler' bs=4k 2>/dev/null; true) && echo FULL: $(df --output=avail '" + m +
                      "' | tail -1) && "
                      "'" + cli + "' cache verify --cache-dir '" + m + "'; echo verify=$? && "
                      "'" + cli + "' cache gc --max-size 0.01 --cache-dir '" + m + "'; echo gc=$? && "
                      "'" + cli + "' cache stats --cache-dir '" + m + "'; echo stats=$? && "
                      "'" + cli + "' cache clear --cache-dir '" + m + "'; echo clear=$? && "
                      "find '" + m + "/objects' -type f | wc -l | sed 's/^/left=/'";
    auto r = script::run_process({"unshare", "-m", "sh", "-c", cmd});
    INFO(r.output);
    CHECK_THAT(r.output, Contains("FULL: 0"));
    CHECK_THAT(r.output, Contains("0 bad entries removed") && Contains("verify=0"));
    CHECK_THAT(r.output, Contains("removed 2 entries") && Contains("gc=0"));
    CHECK_THAT(r.output, Contains("1 entries") && Contains("stats=0"));
    CHECK_THAT(r.output, Contains("clear=0") && Contains("left=0"));
    // Once for each command that found it full (gc freed some space).
    CHECK(count_of(r.output, "nothing will be stored") >= 2);
    CHECK(count_of(r.output, "warning") == count_of(r.output, "nothing will be stored"));
}

TEST_CASE("cache: a disk that fills during a run stops storing with one warning, the run succeeds",
          "[cache][cli]") {
    // A 1 MB tmpfs with the compiled script on it and about 8 KB left: the
    // open probe fits, the first entry does not (ENOSPC).
    TempDir dir("cache"), mnt("full"), models("models");
    fs::path model = models / "busy.cpp";
    write_text(model, busy_script);
    REQUIRE(run_cli({"run", model.string(), "--cache-dir", dir.path().string()}).exit_code == 0);
    const std::string m = mnt.path().string();
    auto probe = script::run_process({"unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs '" + m + "'"});
    if (probe.exit_code != 0) {
        WARN("skipped: cannot mount a tmpfs here (" << probe.output << ")");
        return;
    }
    std::string cmd = "mount -t tmpfs -o size=1m,mode=0755 tmpfs '" + m + "' && mkdir '" + m + "/objects' && " +
                      "(cp -a '" + dir.path().string() + "'/scripts-* '" + m + "/' 2>/dev/null; true) && " +
                      "(dd if=/dev/zero of='" + m + "/filler' bs=4k 2>/dev/null; true) && truncate -s -8K '" +
                      m + "/filler' && '" LAZYCAD_CLI "' run '" + model.string() + "' --cache-dir '" + m +
                      "' -D seed=3 -v -j 1 --stats=json";
    auto r = script::run_process({"unshare", "-m", "sh", "-c", cmd});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(count_of(r.output, "warning") == 1);
    CHECK_THAT(r.output, Contains("No space left") && Contains("no longer stored"));
    REQUIRE(printed_volume(r.output));
    CHECK(*printed_volume(r.output) == Approx(busy_volume(3)).epsilon(1e-5));
    auto stats = nlohmann::json::parse(last_line(r.output));
    CHECK(stats["stored"].get<int>() <= 1); // a small first entry may still fit
}
