// Chains of one boolean folded into one n-ary boolean by the evaluator: same
// volume and validity as the union_all form, only the root stored, never across
// a node that is displayed or named, unchanged keys, errors named as unfolded.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "foundation_support.hpp"
#include "lazycad/lazycad.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;

namespace {

constexpr int holes = 24;         // a 6 x 4 grid
constexpr double hole_r = 1.5;    // on a 10 mm pitch: no two holes touch
constexpr double plate_t = 4;

Shape plate() { return box(60, 40, plate_t); }
Shape tool(int k) { return cylinder(hole_r, plate_t + 2).down(1).translate(5 + 10 * (k % 6), 5 + 10 * (k / 6), 0); }
double plate_volume() { return 60 * 40 * plate_t - holes * M_PI * hole_r * hole_r * plate_t; }

/// plate - tool(0) - tool(1) - ...; `links` receives each difference, in order.
Shape cut_chain(std::vector<Shape>* links = nullptr) {
    Shape s = plate();
    for (int k = 0; k < holes; ++k) {
        s = s - tool(k);
        if (links) links->push_back(s);
    }
    return s;
}

std::size_t entries(const fs::path& root) {
    std::size_t n = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root / "objects", ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && it->path().filename().string().rfind(".tmp", 0) != 0) n += 1;
    return n;
}

bool contains(const std::vector<NodeKey>& keys, const Shape& s) {
    return std::find(keys.begin(), keys.end(), s.key()) != keys.end();
}

} // namespace

TEST_CASE("folding: a chain of cuts is one n-ary cut, as the union_all form, storing only the root",
          "[eval][fold]") {
    TempDir dir("fold");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    std::vector<Shape> links;
    Shape chain = cut_chain(&links);
    std::vector<Shape> tools;
    for (int k = 0; k < holes; ++k) tools.push_back(tool(k));
    Shape all = plate() - union_all(tools);

    std::vector<NodeKey> plan = folded_nodes({chain}, o);
    CHECK(plan.size() == holes - 1);
    CHECK(contains(plan, links[0]));
    CHECK_FALSE(contains(plan, chain));

    Stats st = evaluate({chain}, o);
    CHECK(st.nodes == 3 + 2 * holes); // plate, a cylinder and its move, each tool's translate, the differences
    CHECK(st.folded == holes - 1);
    CHECK(st.computed == st.nodes);
    CHECK(st.stored == 1);
    CHECK(entries(dir.path()) == 1);
    CHECK(cache_state(links[holes / 2], o.cache) == CacheState::missing);
    CHECK(folded_nodes({chain}, o).empty()); // the root is cached now: nothing left to fold

    Stats union_form = evaluate({all}, o);
    CHECK(union_form.folded == 0);
    const double v = volume(chain, o);
    CHECK(v == Approx(plate_volume()).epsilon(1e-7));
    CHECK(v == Approx(volume(all, o)).epsilon(1e-9));
    CHECK(is_valid(chain, o));
    CHECK(solid_count(chain, o) == 1);

    SECTION("the same figures link by link, as written (LAZYCAD_BENCH_NO_FOLD=1)") {
        TempDir other("fold-off");
        EvalOptions off = with_cache(other.path());
        setenv("LAZYCAD_BENCH_NO_FOLD", "1", 1);
        clear_memory_cache();
        Stats unfolded = evaluate({chain}, off);
        unsetenv("LAZYCAD_BENCH_NO_FOLD");
        CHECK(unfolded.folded == 0);
        CHECK(unfolded.stored == holes);
        CHECK(volume(chain, off) == Approx(v).epsilon(1e-9));
    }
}

TEST_CASE("folding: a chain of unions folds too", "[eval][fold]") {
    clear_memory_cache();
    Shape s = box(10, 10, 10);
    for (int k = 1; k <= 5; ++k) s = s + box(10, 10, 10).right(15.0 * k);
    Stats st = evaluate({s}, without_cache());
    CHECK(st.folded == 4);
    CHECK(volume(s) == Approx(6000).epsilon(1e-9));
    CHECK(solid_count(s) == 6);
}

TEST_CASE("folding: never across a node that is displayed or named", "[eval][fold]") {
    TempDir dir("fold-cut");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    const int k = holes / 2;

    SECTION("displayed (a root of the evaluation)") {
        std::vector<Shape> links;
        Shape chain = cut_chain(&links);
        std::vector<NodeKey> plan = folded_nodes({chain, links[k]}, o);
        CHECK(plan.size() == holes - 2);
        CHECK_FALSE(contains(plan, links[k]));
        CHECK(contains(plan, links[k - 1]));
        CHECK(contains(plan, links[k + 1]));
        Stats st = evaluate({chain, links[k]}, o);
        CHECK(st.folded == holes - 2);
        CHECK(st.stored == 2);
        CHECK(entries(dir.path()) == 2);
        CHECK(volume(links[k], o) ==
              Approx(60 * 40 * plate_t - (k + 1) * M_PI * hole_r * hole_r * plate_t).epsilon(1e-7));
    }
    SECTION("named") {
        Shape s = plate();
        Shape mid;
        for (int i = 0; i < holes; ++i) {
            s = s - tool(i);
            if (i == k) s = mid = s.named("mid");
        }
        std::vector<NodeKey> plan = folded_nodes({s}, o);
        CHECK(plan.size() == holes - 2);
        CHECK_FALSE(contains(plan, mid));
        Stats st = evaluate({s}, o);
        CHECK(st.folded == holes - 2);
        CHECK(cache_state(mid, o.cache) != CacheState::missing); // computed on its own
        CHECK(volume(s, o) == Approx(plate_volume()).epsilon(1e-7));
    }
    SECTION("used twice") {
        std::vector<Shape> links;
        Shape chain = cut_chain(&links);
        Shape other = links[k] - sphere(1).translate(0, 0, 2);
        Stats st = evaluate({chain, other}, o);
        CHECK(st.folded == holes - 2);
        CHECK(volume(chain, o) == Approx(plate_volume()).epsilon(1e-7));
    }
}

TEST_CASE("folding: keys are those of the chain as written", "[eval][fold]") {
    std::vector<Shape> links;
    Shape chain = cut_chain(&links);
    Shape s = plate() - tool(0);
    CHECK(s.key() == links[0].key());
    CHECK((s - tool(1)).key() == links[1].key());
    CHECK(chain.parents().size() == 2);
    CHECK(chain.parents()[0].key() == links[holes - 2].key());
}

TEST_CASE("folding: a folded chain that fails names the link that fails, as unfolded", "[eval][fold]") {
    clear_memory_cache();
    // The second link removes everything, which it does not allow; the last
    // allows an empty result, so only link by link can tell.
    Shape first = box(10, 10, 10) - cylinder(1, 12).down(1).translate(5, 5, 0);
    Shape empty = first - box(20, 20, 20).translate(-5, -5, -5);
    Shape last = (empty - sphere(1)).allow_empty();
    CHECK(folded_nodes({last}).size() == 2);
    try {
        evaluate({last}, without_cache());
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_THAT(std::string(e.what()), Contains("the tool removes all of the shape"));
        CHECK(e.origin() == empty.origin());
    }
}

TEST_CASE("folding: tree and explain show inner links as folded; a 10 000-link chain's tree is short",
          "[cli][fold]") {
    TempDir dir("fold-cli");
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    int n = param("n", 4);
    Shape s = box(10 * n + 10, 20, 5);
    for (int k = 0; k < n; ++k) s = s - cylinder(2, 7).down(1).translate(10 * k + 10, 10, 0);
    Shape moved = box(1, 1, 1);
    for (int k = 0; k < 10000; ++k) moved = moved.up(0.001);
    display(s.named("plate"));
    display(moved);
}
)");
    const std::string m = (dir / "m.cpp").string(), cache = (dir / "cache").string();
    CliResult tree = run_cli({"tree", m, "--cache-dir", cache});
    REQUIRE(tree.exit_code == 0);
    // 3 inner links of 4 folded; all shown (the chain is short).
    std::size_t folded = 0;
    for (std::size_t at = 0; (at = tree.out.find("difference() [folded]", at)) != std::string::npos; ++at) ++folded;
    CHECK(folded == 3);
    CHECK_THAT(tree.out, Catch::Contains("difference 'plate' () [missing]"));
    // 10 000 moves: the first and last 3, and one row for the rest, not 100 MB.
    CHECK_THAT(tree.out, Catch::Contains("... 9994 more translate links, not listed"));
    CHECK(tree.out.size() < 4000);

    CliResult explain = run_cli({"explain", m, "--cache-dir", cache});
    REQUIRE(explain.exit_code == 0);
    CHECK_THAT(explain.out, Catch::Contains("difference: folded (computed within the n-ary boolean"));

    CliResult run = run_cli({"run", m, "--cache-dir", cache, "--stats=json"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("\"folded\":3"));

    SECTION("a long chain of cuts: its first and last links, one row between") {
        CliResult big = run_cli({"tree", m, "--cache-dir", cache, "-D", "n=50"});
        REQUIRE(big.exit_code == 0);
        CHECK_THAT(big.out, Catch::Contains("... 44 more difference links, not listed"));
    }
}
