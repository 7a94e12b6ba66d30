// liblazycad and liblazycad-geometry: the core finds every built-in
// operation's compute function in the geometry library, and loads that
// library only when something must be computed, measured or exported.

#include <catch2/catch.hpp>

#include "eval/geometry_library.hpp"
#include "graph/node.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;

TEST_CASE("geometry library: every built-in operation has a compute function", "[geometry]") {
    const auto& ops = detail::builtin_operations();
    CHECK(ops.size() >= 38);
    for (const detail::OpDef* op : ops) {
        INFO(op->name);
        CHECK(detail::geometry().compute(op->name) != nullptr);
    }
    CHECK(detail::geometry().compute("no_such_operation") == nullptr);
}

TEST_CASE("geometry library: a run served from the cache does not load it", "[geometry][cli]") {
    TempDir dir("geometry-lib");
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() { display(box(10, 10, 10) - cylinder(3, 10).right(5).forw(5)); }
)");
    std::string cache = (dir / "cache").string();
    auto run = [&] {
        return run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache}, "LD_DEBUG=files");
    };
    CliResult cold = run();
    REQUIRE(cold.exit_code == 0);
    CHECK(cold.output.find("liblazycad-geometry") != std::string::npos);
    CliResult warm = run();
    REQUIRE(warm.exit_code == 0);
    CHECK(warm.output.find("1 from disk") != std::string::npos);
    CHECK(warm.output.find("liblazycad-geometry") == std::string::npos);
    // A measurement needs it again.
    CliResult verbose = run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache, "-v"},
                                "LD_DEBUG=files");
    CHECK(verbose.output.find("liblazycad-geometry") != std::string::npos);
    CHECK(verbose.output.find("volume") != std::string::npos);
}
