// Trusting cache entries: a payload that is not what its writer made (a forged
// or mutated BinTools stream with a recomputed, valid SHA-256) must never crash
// the process, and is a miss that is removed when it does not parse.

#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cache/directory_store.hpp"
#include "cache/store_registry.hpp"
#include "foundation_support.hpp"
#include "lazycad/lazycad.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;

namespace {

struct Decoded {
    std::string record, payload;
};

Decoded decode_file(const NodeKey& key, const fs::path& path) {
    std::string why, bytes = read_bytes(path);
    auto e = detail::decode_entry(key, bytes, why);
    INFO(why);
    REQUIRE(e);
    return {e->record, std::string(e->payload)};
}

/// What an attacker without the secret can write: any record and payload under
/// any key, with a correct SHA-256 digest.
void forge(const fs::path& path, const NodeKey& key, const std::string& record,
           const std::string& payload) {
    fs::create_directories(path.parent_path());
    write_bytes(path, detail::encode_entry(key, record, payload) + payload);
}

/// Mutations of a real payload: truncations, byte changes, random bytes.
std::vector<std::pair<std::string, std::string>> mutations(const std::string& payload,
                                                           unsigned seed) {
    std::vector<std::pair<std::string, std::string>> out;
    std::mt19937 rng(seed);
    const std::size_t n = payload.size();
    for (std::size_t cut : {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(32)})
        if (cut < n) out.emplace_back(fmt::format("truncated to {}", cut), payload.substr(0, cut));
    for (int i = 1; i < 40; ++i) {
        std::size_t cut = n * i / 40;
        out.emplace_back(fmt::format("truncated to {}", cut), payload.substr(0, cut));
    }
    for (int i = 0; i < 400; ++i) {
        std::string m = payload;
        std::size_t at = rng() % n;
        m[at] = char(m[at] ^ char(1 + rng() % 255));
        out.emplace_back(fmt::format("byte {} changed", at), m);
    }
    for (int i = 0; i < 100; ++i) { // a 4-byte little-endian count or index set to a big value
        std::string m = payload;
        std::size_t at = rng() % (n - 4);
        std::uint32_t v = i % 2 ? 0x7fffffffu : (rng() | 0x10000000u);
        for (int b = 0; b < 4; ++b) m[at + b] = char(v >> (8 * b));
        out.emplace_back(fmt::format("4 bytes at {} set to {:#x}", at, v), m);
    }
    for (std::size_t len : {std::size_t(1), std::size_t(16), std::size_t(1000), n}) {
        std::string m(len, '\0');
        for (char& c : m) c = char(rng());
        out.emplace_back(fmt::format("{} random bytes", len), m);
        // A real header followed by garbage.
        std::string h = payload.substr(0, std::min<std::size_t>(n, 64)) + m;
        out.emplace_back(fmt::format("real start then {} random bytes", len), h);
    }
    out.emplace_back("all 0xff", std::string(n, char(0xff)));
    return out;
}

} // namespace

TEST_CASE("trust: forged payloads with a valid digest never crash, unparsable ones are removed",
          "[trust][cache]") {
    TempDir dir("trust");
    EvalOptions o = with_cache(dir.path());
    auto store = detail::open_store(o.cache);
    REQUIRE(store);
    clear_memory_cache();
    std::vector<Shape> shapes{holed_block(20), sphere(7), thread("M4", 6)};
    evaluate(shapes, o);

    std::size_t served = 0, refused = 0, cases = 0, invalid = 0, errors = 0;
    for (std::size_t s = 0; s < shapes.size(); ++s) {
        const NodeKey key = shapes[s].key();
        const fs::path path = store->entry_path(key);
        const Decoded good = decode_file(key, path);
        auto cases_here = mutations(good.payload, unsigned(s + 1));
        // Another shape's payload under this key.
        cases_here.emplace_back("another shape's payload",
                                decode_file(shapes[(s + 1) % shapes.size()].key(),
                                            store->entry_path(shapes[(s + 1) % shapes.size()].key()))
                                    .payload);
        for (const auto& [what, payload] : cases_here) {
            INFO(shapes[s].operation() << ": " << what);
            forge(path, key, good.record, payload);
            WarningCatcher w;
            Stats st;
            std::optional<TopoDS_Shape> loaded = store->load(key, st);
            ++cases;
            if (loaded) {
                // Parsed: only a MAC could tell it from the real one (see the
                // authentication tests). Never a null shape; whatever it is,
                // measuring it gives a number or an Error, never a crash (some
                // dereference garbage inside OCCT) nor an OCCT exception.
                ++served;
                CHECK_FALSE(loaded->IsNull());
                CHECK(w.warnings().empty());
                clear_memory_cache();
                try {
                    volume(shapes[s], o);
                    bounding_box(shapes[s], o);
                    if (!is_valid(shapes[s], o)) ++invalid;
                } catch (const Error& e) {
                    ++errors;
                    CHECK_THAT(e.what(), Contains("OCCT failed"));
                }
            } else {
                ++refused;
                CHECK_FALSE(fs::exists(path));
                REQUIRE(w.warnings().size() == 1);
                CHECK_THAT(w.warnings()[0], Contains("removed"));
            }
        }
    }
    WARN(fmt::format("{} forged payloads: {} refused and removed; {} parsed into some shape, of "
                     "which {} invalid and {} an Error when measured",
                     cases, refused, served, invalid, errors));
    CHECK(refused > 0);
}


TEST_CASE("trust: cache verify parses every payload, garbage with a valid digest is removed",
          "[trust][cache][cli]") {
    TempDir dir("trust");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    Shape a = holed_block(20), b = holed_block(30), c = sphere(4);
    evaluate({a, b, c}, o);
    auto store = detail::open_store(o.cache);
    REQUIRE(store);
    const Decoded good = decode_file(b.key(), store->entry_path(b.key()));
    // Digest, key and sizes all correct; the payload is not BRep.
    forge(store->entry_path(b.key()), b.key(), good.record, std::string(good.payload.size(), 'x'));
    std::string nothing = good.payload.substr(0, 10);
    forge(store->entry_path(c.key()), c.key(), good.record, nothing);
    {
        WarningCatcher w;
        CHECK(cache_verify(o.cache) == 2);
        REQUIRE(w.warnings().size() == 2);
        for (const std::string& warning : w.warnings()) CHECK_THAT(warning, Contains("payload"));
    }
    CHECK_FALSE(fs::exists(store->entry_path(b.key())));
    CHECK_FALSE(fs::exists(store->entry_path(c.key())));
    CHECK(fs::exists(store->entry_path(a.key())));

    // The CLI says so with exit code 1, then 0 once clean.
    forge(store->entry_path(b.key()), b.key(), good.record, std::string(good.payload.size(), 'x'));
    CliResult r = run_cli({"cache", "verify", "--cache-dir", dir.path().string()});
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Contains("1 bad entries removed") && Contains("payload unreadable"));
    CHECK(run_cli({"cache", "verify", "--cache-dir", dir.path().string()}).exit_code == 0);
}

namespace {

/// 120 boxes of distinct volumes 2·3·(1 + i/4): cheap, but roots, so stored.
std::vector<Shape> many_boxes() {
    std::vector<Shape> out;
    for (int i = 0; i < 120; ++i) out.push_back(box(2, 3, 1 + i / 4.0));
    return out;
}
double box_volume(int i) { return 6 * (1 + i / 4.0); }

/// Swap every entry's payload with its neighbour's and recompute the digest:
/// what anyone who can write the folder can do. Half keep the old MAC bytes.
void swap_payloads(detail::DirectoryStore& store, const std::vector<Shape>& shapes) {
    std::vector<Decoded> good;
    std::vector<std::string> macs;
    for (const Shape& s : shapes) {
        good.push_back(decode_file(s.key(), store.entry_path(s.key())));
        macs.push_back(read_bytes(store.entry_path(s.key())).substr(88, 32));
    }
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const std::string& payload = good[(i + 1) % shapes.size()].payload;
        std::string head = detail::encode_entry(shapes[i].key(), good[i].record, payload);
        if (i % 2) head.replace(88, 32, macs[i]);
        write_bytes(store.entry_path(shapes[i].key()), head + payload);
    }
}

/// How many of the shapes measure as their own box (evaluated with `o`).
int right_volumes(const std::vector<Shape>& shapes, const EvalOptions& o) {
    int right = 0;
    for (std::size_t i = 0; i < shapes.size(); ++i)
        right += std::abs(volume(shapes[i], o) - box_volume(int(i))) < 1e-9 * box_volume(int(i));
    return right;
}

} // namespace

TEST_CASE("trust: with a secret, no forged entry is served, without one, swapped payloads are",
          "[trust][cache]") {
    TempDir dir("trust");
    EvalOptions o = with_cache(dir.path(), 1);
    const std::vector<Shape> shapes = many_boxes();
    const std::size_t n = shapes.size();
    EnvGuard file("LAZYCAD_CACHE_SECRET_FILE", std::nullopt);

    // Written by a user with the secret: every entry carries a MAC.
    {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", "team secret");
        clear_memory_cache();
        CHECK(evaluate(shapes, o).stored == n);
        auto store = detail::open_store(o.cache);
        std::string bytes = read_bytes(store->entry_path(shapes[0].key()));
        CHECK(bytes.substr(88, 32) != std::string(32, '\0'));
        CHECK(detail::has_valid_mac(bytes, {"team secret"}));
        CHECK_FALSE(detail::has_valid_mac(bytes, {"team secreT"}));
        swap_payloads(*store, shapes);
    }
    // Every forged entry is sound by its SHA-256.
    {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", std::nullopt);
        auto store = detail::open_store(o.cache);
        for (const Shape& s : shapes) decode_file(s.key(), store->entry_path(s.key()));
    }

    SECTION("without a secret the forgeries are served: the documented limit") {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", std::nullopt);
        WarningCatcher w;
        clear_memory_cache();
        Stats st = evaluate(shapes, o);
        CHECK(st.disk_hits == n);
        CHECK(st.computed == 0);
        CHECK(right_volumes(shapes, o) == 0); // every one is its neighbour's box
        CHECK(w.warnings().empty());
    }
    SECTION("with the secret none is served; each is recomputed and replaced") {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", "team secret");
        {
            WarningCatcher w;
            clear_memory_cache();
            CHECK(cache_state(shapes[0], o.cache) == CacheState::missing); // `lazycad tree` says so too
            Stats st = evaluate(shapes, o);
            CHECK(st.disk_hits == 0);
            CHECK(st.computed == n);
            CHECK(st.stored == n);
            CHECK(right_volumes(shapes, o) == int(n));
            REQUIRE(w.warnings().size() == n);
            CHECK_THAT(w.warnings()[0], Contains("no valid MAC") && Contains("not used"));
        }
        WarningCatcher w;
        clear_memory_cache();
        CHECK(evaluate(shapes, o).disk_hits == n);
        CHECK(right_volumes(shapes, o) == int(n));
        CHECK(w.warnings().empty());
        CHECK(cache_verify(o.cache) == 0);
    }
    SECTION("with another secret none is served either, and verify removes them") {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", "another secret");
        WarningCatcher w;
        clear_memory_cache();
        Stats st = evaluate(shapes, o);
        CHECK(st.disk_hits == 0);
        CHECK(right_volumes(shapes, o) == int(n));
        EnvGuard file2("LAZYCAD_CACHE_SECRET", "team secret");
        CHECK(cache_verify(o.cache) == n); // all rewritten under "another secret"
    }
    SECTION("the secret from LAZYCAD_CACHE_SECRET_FILE works the same") {
        EnvGuard secret("LAZYCAD_CACHE_SECRET", std::nullopt);
        write_text(dir / "key", "team secret\n");
        fs::permissions(dir / "key", fs::perms::owner_read | fs::perms::owner_write);
        EnvGuard key_file("LAZYCAD_CACHE_SECRET_FILE", (dir / "key").string());
        WarningCatcher w;
        clear_memory_cache();
        CHECK(evaluate(shapes, o).disk_hits == 0);
        CHECK(right_volumes(shapes, o) == int(n));
        clear_memory_cache();
        EnvGuard env_secret("LAZYCAD_CACHE_SECRET", "team secret"); // same bytes, same MAC
        CHECK(evaluate(shapes, o).disk_hits == n);
        CHECK(w.warnings().size() == n);
    }
}

TEST_CASE("trust: an unreadable secret file means no disk cache, never an unchecked one",
          "[trust][cache]") {
    TempDir dir("trust");
    EnvGuard secret("LAZYCAD_CACHE_SECRET", std::nullopt);
    EnvGuard key_file("LAZYCAD_CACHE_SECRET_FILE", (dir / "missing-key").string());
    EvalOptions o = with_cache(dir / "cache");
    WarningCatcher w;
    clear_memory_cache();
    Stats st = evaluate({holed_block(20)}, o);
    CHECK(st.stored == 0);
    CHECK(volume(holed_block(20), o) == Approx(holed_block_volume(20)).epsilon(1e-6));
    REQUIRE(w.warnings().size() == 1);
    CHECK_THAT(w.warnings()[0], Contains("missing-key") && Contains("without a cache"));
}

TEST_CASE("trust: a cache folder others can write warns once, the folders we make are not",
          "[trust][cache]") {
    TempDir dir("trust");
    fs::path root = dir / "cache";
    SECTION("made under umask 002: neither root nor shards are group-writable") {
        mode_t old = ::umask(002);
        auto store = detail::DirectoryStore::open(root);
        ::umask(old);
        REQUIRE(store);
        clear_memory_cache();
        old = ::umask(002);
        evaluate({holed_block(20)}, with_cache(root));
        ::umask(old);
        for (const fs::path& p : {root, root / "objects",
                                  store->entry_path(holed_block(20).key()).parent_path()}) {
            INFO(p);
            REQUIRE(fs::is_directory(p));
            CHECK((fs::status(p).permissions() & (fs::perms::group_write | fs::perms::others_write)) ==
                  fs::perms::none);
        }
        WarningCatcher w;
        CHECK(detail::DirectoryStore::open(root));
        CHECK(w.warnings().empty());
    }
    SECTION("writable by others, by the group, owned by someone else") {
        REQUIRE(detail::DirectoryStore::open(root));
        struct Case {
            const char* what;
            std::function<void()> make;
            const char* says;
        };
        std::vector<Case> cases{
            {"chmod 777", [&] { fs::permissions(root, fs::perms::all); }, "writable by others"},
            {"chmod 775", [&] { fs::permissions(root, fs::perms(0775)); }, "writable by its group"},
            {"objects/ chmod 777", [&] { fs::permissions(root / "objects", fs::perms::all); },
             "writable by others"},
            {"chown nobody", [&] { REQUIRE(::chown(root.c_str(), 65534, 65534) == 0); },
             "owned by another user"},
        };
        for (const Case& c : cases) {
            INFO(c.what);
            fs::permissions(root, fs::perms(0755));
            fs::permissions(root / "objects", fs::perms(0755));
            REQUIRE(::chown(root.c_str(), ::geteuid(), ::getegid()) == 0);
            c.make();
            WarningCatcher w;
            CHECK(detail::DirectoryStore::open(root));
            REQUIRE(w.warnings().size() == 1);
            CHECK_THAT(w.warnings()[0], Contains(c.says) && Contains("LAZYCAD_CACHE_SECRET"));
        }
        // Once per run of the CLI, not once per entry.
        TempDir models("models");
        write_text(models / "m.cpp", documented_script);
        REQUIRE(::chown(root.c_str(), ::geteuid(), ::getegid()) == 0);
        fs::permissions(root, fs::perms::all);
        CliResult r = run_cli({"run", (models / "m.cpp").string(), "--cache-dir", root.string()});
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(count_of(r.output, "writable by others") == 1);
    }
}

TEST_CASE("trust: a write failure that will not recur skips one entry, storing goes on",
          "[trust][cache]") {
    TempDir dir("trust");
    EvalOptions o = with_cache(dir.path(), 1);
    auto store = detail::open_store(o.cache);
    REQUIRE(store);
    // Two roots in different shards; the first one's shard is a regular file.
    Shape a = holed_block(20), b = holed_block(21);
    for (int h = 22; a.key().hex().substr(0, 2) == b.key().hex().substr(0, 2); ++h) b = holed_block(h);
    fs::path shard = store->entry_path(a.key()).parent_path();
    write_text(shard, "not a folder");
    WarningCatcher w;
    clear_memory_cache();
    Stats st = evaluate({a, b}, o);
    CHECK(st.stored == 1);
    CHECK(fs::exists(store->entry_path(b.key())));
    REQUIRE(w.warnings().size() == 1);
    CHECK_THAT(w.warnings()[0], Contains("skipped"));
    CHECK_FALSE(store->read_only());
    // Later stores still happen.
    fs::remove(shard);
    clear_memory_cache();
    CHECK(evaluate({a}, o).stored == 1);
}

TEST_CASE("trust: an entry of another format version is a quiet miss, replaced by the recompute",
          "[trust][cache]") {
    // Another lazycad (older or newer) sharing the folder: no warnings, no
    // removals on read; our store replaces the entry; verify removes it.
    TempDir dir("trust");
    EvalOptions o = with_cache(dir.path());
    auto store = detail::open_store(o.cache);
    REQUIRE(store);
    clear_memory_cache();
    Shape a = holed_block(20);
    evaluate({a}, o);
    fs::path path = store->entry_path(a.key());
    std::string good = read_bytes(path);
    for (unsigned version : {1u, detail::entry_format_version + 1}) {
        INFO("version " << version);
        std::string other = good;
        other[8] = char(version);
        write_bytes(path, other);
        WarningCatcher w;
        Stats st;
        CHECK_FALSE(store->load(a.key(), st));
        CHECK(fs::exists(path));
        clear_memory_cache();
        Stats run = evaluate({a}, o);
        CHECK(run.computed == 5);
        CHECK(run.stored == 1);
        std::string why;
        CHECK(detail::decode_entry(a.key(), read_bytes(path), why)); // ours again
        CHECK(w.warnings().empty());
        write_bytes(path, other);
        CHECK(cache_verify(o.cache) == 1);
    }
}

TEST_CASE("trust: the CLI with forged entries: garbage is removed, a swapped payload is served "
          "without a secret and refused with one",
          "[trust][cache][cli]") {
    TempDir dir("trust"), models("models");
    write_text(models / "m.cpp", documented_script);
    auto run = [&](const std::string& height, const std::string& env) {
        return run_cli({"run", (models / "m.cpp").string(), "--cache-dir", dir.path().string(), "-D",
                        "height=" + height, "-v"},
                       env);
    };
    const std::string secret = "LAZYCAD_CACHE_SECRET=s3cret";
    REQUIRE(run("20", secret).exit_code == 0);
    REQUIRE(run("30", secret).exit_code == 0);
    auto store = detail::DirectoryStore::open(dir.path());
    REQUIRE(store);
    // The displayed shape is holed_block(h): same operations, same key.
    const NodeKey k20 = holed_block(20).key(), k30 = holed_block(30).key();
    REQUIRE(fs::exists(store->entry_path(k20)));
    const Decoded e20 = decode_file(k20, store->entry_path(k20)),
                  e30 = decode_file(k30, store->entry_path(k30));
    forge(store->entry_path(k20), k20, e20.record, e30.payload);

    auto volume_in = [](const CliResult& r) {
        auto p = r.output.find("): volume ");
        REQUIRE(p != std::string::npos);
        return std::stod(r.output.substr(p + 10));
    };
    {
        CliResult r = run("20", "LAZYCAD_CACHE_SECRET=");
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(volume_in(r) == Approx(holed_block_volume(30)).epsilon(1e-5)); // the documented limit
    }
    {
        CliResult r = run("20", secret);
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(volume_in(r) == Approx(holed_block_volume(20)).epsilon(1e-5));
        CHECK(count_of(r.output, "warning") == 1);
        CHECK_THAT(r.output, Contains("no valid MAC"));
    }
    // Garbage with a valid digest: removed, recomputed, and the next run is clean.
    forge(store->entry_path(k30), k30, e30.record, std::string(e30.payload.size(), '\x5a'));
    for (int i = 0; i < 2; ++i) {
        CliResult r = run("30", "LAZYCAD_CACHE_SECRET=");
        INFO(r.output);
        CHECK(r.exit_code == 0);
        CHECK(volume_in(r) == Approx(holed_block_volume(30)).epsilon(1e-5));
        CHECK(count_of(r.output, "warning") == (i == 0 ? 1 : 0));
    }
}
