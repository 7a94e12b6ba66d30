// Trusting cache entries: a payload that is not what its writer made (a forged
// or mutated BinTools stream with a recomputed, valid SHA-256) must never crash
// the process, and is a miss that is removed when it does not parse.

#include <catch2/catch.hpp>

#include <random>

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

TEST_CASE("trust: forged payloads with a valid digest never crash; unparsable ones are removed",
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

