// import_step / import_brep: lazy nodes keyed by the file's content.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <regex>

#include <nlohmann/json.hpp>

#include "lazycad/lazycad.hpp"
#include "foundation_support.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;
namespace fs = std::filesystem;

namespace {

const char* model_text = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    Shape vendor = import_step("vendor/part.step");
    display(vendor - cylinder(2, 50).right(5).forw(5));
}
)";

double printed_volume(const std::string& output) {
    std::smatch m;
    REQUIRE(std::regex_search(output, m, std::regex(R"(volume ([0-9.eE+-]+) mm3)")));
    return std::stod(m[1]);
}

} // namespace

TEST_CASE("import: a STEP part is keyed by its bytes; an edit recomputes what is built on it", "[import]") {
    TempDir dir("import");
    const fs::path cache = dir / "cache";
    // The vendor part: a 10 x 10 x h box, written as STEP by lazycad itself.
    auto make_part = [&](double h) {
        fs::create_directories(dir / "vendor");
        export_file({{box(10, 10, h), color::steel}}, (dir / "vendor/part.step").string(),
                    ExportOptions{0.01, 0.2, without_cache()});
    };
    make_part(20);
    write_text(dir / "m.cpp", model_text);
    // Run from another folder: the path is relative to the script.
    std::vector<std::string> args{"run", (dir / "m.cpp").string(), "--cache-dir", cache.string(), "-v",
                                  "--stats=json"};
    CliResult first = run_cli(args);
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK(printed_volume(first.output) == Approx(10.0 * 10 * 20 - std::numbers::pi * 4 * 20).epsilon(1e-5));
    CHECK(stats_of(first)["computed"] == 5); // import, cylinder, 2 translates, difference

    CliResult again = run_cli(args);
    CHECK(stats_of(again)["computed"] == 0);

    make_part(30);
    CliResult edited = run_cli(args);
    INFO(edited.output);
    REQUIRE(edited.exit_code == 0);
    // The import and the difference built on it, and the cheap cylinder side
    // the difference needs again (rebuilt in memory, never stored).
    CHECK(stats_of(edited)["computed"] == 5);
    CHECK(stats_of(edited)["disk_hits"] == 0);
    CHECK(printed_volume(edited.output) == Approx(10.0 * 10 * 30 - std::numbers::pi * 4 * 30).epsilon(1e-5));

    SECTION("a missing file is an error naming the path and the script line") {
        fs::remove(dir / "vendor/part.step");
        CliResult r = run_cli(args);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Catch::Contains("m.cpp:4: error: import_step: parameter 'path' names no file") &&
                                 Catch::Contains("vendor/part.step"));
    }
    SECTION("a file that is not STEP is an error naming it") {
        write_text(dir / "vendor/part.step", "hello\n");
        CliResult r = run_cli(args);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Catch::Contains("import_step") && Catch::Contains("part.step"));
    }
}

TEST_CASE("import: a BRep file round-trips with its volume", "[import]") {
    TempDir dir("import-brep");
    export_file({{sphere(3), color::steel}}, (dir / "ball.brep").string(),
                ExportOptions{0.01, 0.2, without_cache()});
    Shape s = import_brep((dir / "ball.brep").string());
    CHECK(s.operation() == "import_brep");
    CHECK(volume(s, without_cache()) == Approx(4.0 / 3 * std::numbers::pi * 27).epsilon(1e-6));
    CHECK(import_brep((dir / "ball.brep").string()).key() == s.key());
    require_error([&] { import_brep((dir / "none.brep").string()); }, "import_brep", "path");
}
