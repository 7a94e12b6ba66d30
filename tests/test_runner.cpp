// The one pipeline (scripting/runner.hpp) that the CLI and the viewer call:
// a plain result with parameters, displayed shapes, their evaluated results,
// tree rows, stats, and errors with file:line and an exit code.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>

#include "lazycad/occt.hpp"
#include "runner.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;
namespace fs = std::filesystem;

namespace {

const char* model_text = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    double h = param("height", 20.0);
    std::string tag = param("tag", "a");
    display(box(10, 10, h) - cylinder(3, h).right(5).forw(5));
    display(sphere(2).named("ball"), color::red);
}
)";

double volume_of(const TopoDS_Shape& s) {
    GProp_GProps props;
    BRepGProp::VolumeProperties(s, props, 1e-9);
    return props.Mass();
}

} // namespace

TEST_CASE("runner: parameters, displayed shapes and their evaluated results", "[runner]") {
    TempDir dir("runner");
    write_text(dir / "m.cpp", model_text);
    clear_memory_cache(); // the counts below are of this run alone
    script::RunRequest req;
    req.model = dir / "m.cpp";
    req.overrides = {{"height", "30"}};
    req.eval = with_cache(dir / "cache");
    req.tree = true;
    script::RunResult r = script::run(req);
    INFO(r.error);
    REQUIRE(r.ok());
    CHECK(r.exit_code() == 0);

    REQUIRE(r.params.size() == 2);
    CHECK(r.params[0].name == "height");
    CHECK(r.params[0].default_value == "20");
    CHECK(r.params[0].value == "30");
    CHECK(r.params[1].is_string);

    REQUIRE(r.displayed.size() == 2);
    REQUIRE(r.results.size() == 2);
    CHECK(r.displayed[1].color == color::red);
    CHECK(r.results[1].shape().name() == "ball");
    // The results are held by the result, not looked up in the memory cache.
    clear_memory_cache();
    CHECK(volume_of(occt_shape(r.results[0])) ==
          Approx(10.0 * 10 * 30 - std::numbers::pi * 9 * 30).epsilon(1e-9));
    CHECK(volume_of(occt_shape(r.results[1])) == Approx(4.0 / 3 * std::numbers::pi * 8).epsilon(1e-6));
    CHECK(r.stats.computed == 6);

    REQUIRE(r.tree.size() == 6); // difference, box, translate, translate, cylinder; sphere
    CHECK(r.tree[0].shape.operation() == "difference");
    CHECK(r.tree[0].depth == 0);
    CHECK(r.tree[1].params == "x=10, y=10, z=30, center=false");
    CHECK(r.tree[1].depth == 1);
    CHECK(r.tree[0].state == CacheState::memory);
    CHECK(r.tree[5].shape.name() == "ball");
}

TEST_CASE("runner: failures come back as a kind, a message with file:line and an exit code", "[runner]") {
    TempDir dir("runner-fail");
    write_text(dir / "m.cpp", model_text);
    script::RunRequest req;
    req.model = dir / "m.cpp";
    req.eval = with_cache(dir / "cache");

    SECTION("an unknown -D name is a usage error listing the parameters") {
        req.overrides = {{"hieght", "3"}};
        script::RunResult r = script::run(req);
        CHECK(r.failure == script::Failure::usage);
        CHECK(r.exit_code() == 2);
        CHECK_THAT(r.error, Catch::Contains("hieght") && Catch::Contains("height (default 20)"));
        CHECK(r.results.empty());
    }
    SECTION("a compile error keeps the compiler's file:line") {
        write_text(dir / "broken.cpp", "#include <lazycad/lazycad.hpp>\nLAZYCAD_MODEL() {\n  oops;\n}\n");
        req.model = dir / "broken.cpp";
        script::RunResult r = script::run(req);
        CHECK(r.failure == script::Failure::compile);
        CHECK(r.exit_code() == 1);
        CHECK_THAT(r.error, Catch::Contains("broken.cpp:3") && Catch::Contains("did not compile"));
    }
    SECTION("a geometry error names the script line") {
        write_text(dir / "bad.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                    "LAZYCAD_MODEL() {\n    display(box(10, 10, 2).fillet(5, edges::all()));\n}\n");
        req.model = dir / "bad.cpp";
        script::RunResult r = script::run(req);
        CHECK(r.failure == script::Failure::model);
        CHECK(r.exit_code() == 1);
        CHECK_THAT(r.error, Catch::Contains("bad.cpp:4: error: fillet"));
    }
    SECTION("evaluate = false runs the script but computes nothing") {
        req.evaluate = false;
        script::RunResult r = script::run(req);
        REQUIRE(r.ok());
        CHECK(r.displayed.size() == 2);
        CHECK(r.results.empty());
        CHECK(r.stats.computed == 0);
    }
}
