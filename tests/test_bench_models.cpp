// The benchmark models (models/plate_with_holes.cpp, models/two_branches.cpp):
// volumes against formulas, and an edit of one branch's leaf parameter
// recomputes only that branch.

#include <catch2/catch.hpp>

#include <numbers>

#include "lazycad/lazycad.hpp"
#include "script_runner.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;
constexpr double pi_ = std::numbers::pi;

namespace {

std::vector<Shape> run(const std::string& model, const std::map<std::string, std::string>& d = {}) {
    script::ScriptRun r = script::run_script(std::string(LAZYCAD_SOURCE_DIR "/models/") + model, d,
                                             CacheOptions{true, LAZYCAD_BINARY_DIR "/test-cache", {}});
    std::vector<Shape> roots;
    for (const Displayed& s : r.model.shapes) roots.push_back(s.shape);
    return roots;
}

} // namespace

TEST_CASE("bench models: plate_with_holes volume", "[models][bench-models][slow]") {
    std::vector<Shape> roots = run("plate_with_holes.cpp", {{"rows", "2"}, {"cols", "3"}});
    REQUIRE(roots.size() == 1);
    EvalOptions o = without_cache();
    // 36 x 24 x 8 plate; each of 6 holes: r 2.5 through, r 5 counterbore 4 deep.
    double expected = 36.0 * 24 * 8 - 6 * (pi_ * 2.5 * 2.5 * 8 + pi_ * (25 - 6.25) * 4);
    CHECK(volume(roots[0], o) == Approx(expected).epsilon(1e-6));
    CHECK(is_valid(roots[0], o));
    CHECK(solid_count(roots[0], o) == 1);
}

TEST_CASE("bench models: two_branches volumes and a one-branch edit", "[models][bench-models][slow]") {
    clear_memory_cache();
    TempDir cache("two-branches");
    EvalOptions o = with_cache(cache.path(), 2);
    std::vector<Shape> roots = run("two_branches.cpp", {{"holes", "3"}});
    REQUIRE(roots.size() == 2);
    Stats first = evaluate(roots, o);
    CHECK(first.computed == first.nodes);
    CHECK(volume(roots[0], o) == Approx(64000 - 9 * pi_ * 2.0 * 2.0 * 10).epsilon(1e-6));
    CHECK(volume(roots[1], o) == Approx(64000 - 9 * pi_ * 2.5 * 2.5 * 10).epsilon(1e-6));

    // A new process would start with an empty memory cache: so do we.
    clear_memory_cache();
    std::vector<Shape> edited = run("two_branches.cpp", {{"holes", "3"}, {"right_hole_radius", "2.6"}});
    Stats s = evaluate(edited, o);
    CHECK(edited[0].key() == roots[0].key());
    CHECK(s.disk_hits == 1); // the left part, in one file
    // The right branch only: box, cylinder, its shift, 9 hole moves, 9 cuts, the final move.
    CHECK(s.computed == 1 + 1 + 1 + 9 + 9 + 1);
    CHECK(volume(edited[1], o) == Approx(64000 - 9 * pi_ * 2.6 * 2.6 * 10).epsilon(1e-6));
}
