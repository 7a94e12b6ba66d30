// The `lazycad` CLI end to end: real processes, real cache folders.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "script_runner.hpp"
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
}
)";

nlohmann::json last_json_line(const std::string& out) {
    auto end = out.find_last_not_of('\n');
    auto start = out.rfind('\n', end);
    return nlohmann::json::parse(out.substr(start == std::string::npos ? 0 : start + 1,
                                            end - (start == std::string::npos ? 0 : start + 1) + 1));
}

} // namespace

TEST_CASE("cli: second run computes nothing; -D recomputes the dependent nodes", "[cli]") {
    TempDir dir("cli-run");
    write_text(dir / "m.cpp", model_text);
    std::string cache = (dir / "cache").string();
    CliResult first = run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache, "--stats=json"});
    REQUIRE(first.exit_code == 0);
    CHECK(last_json_line(first.out)["computed"] == 5);
    CliResult second = run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache, "--stats=json"});
    REQUIRE(second.exit_code == 0);
    nlohmann::json s = last_json_line(second.out);
    CHECK(s["computed"] == 0);
    CHECK(s["disk_hits"] == 1);
    CHECK(s["nodes"] == 1);
    CliResult tree = run_cli({"tree", (dir / "m.cpp").string(), "--cache-dir", cache});
    REQUIRE(tree.exit_code == 0);
    CHECK_THAT(tree.out, Catch::Contains("difference() [disk]") &&
                             Catch::Contains("box(x=10, y=10, z=20, center=false) [missing]"));
    CliResult stats = run_cli({"cache", "stats", "--cache-dir", cache});
    CHECK(stats.exit_code == 0);
    CHECK_THAT(stats.out, Catch::Contains("1 entries"));
}

TEST_CASE("cli: bad -D values and usage errors", "[cli]") {
    TempDir dir("cli-bad");
    write_text(dir / "m.cpp", model_text);
    std::string m = (dir / "m.cpp").string();
    CliResult unknown = run_cli({"run", m, "--no-cache", "-D", "hieght=3"});
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.output, Catch::Contains("hieght") && Catch::Contains("height (default 20)") &&
                                   Catch::Contains("tag"));
    CliResult malformed = run_cli({"run", m, "--no-cache", "-D", "height=abc"});
    CHECK(malformed.exit_code == 1);
    CHECK_THAT(malformed.output, Catch::Contains("'height'") && Catch::Contains("abc"));
    CHECK(run_cli({"run", m, "--no-cache", "-D", "tag=b"}).exit_code == 0);
    CHECK(run_cli({"run", m, "--no-cache", "-D", "noequals"}).exit_code == 2);
    CHECK(run_cli({"frobnicate"}).exit_code == 2);
    CHECK(run_cli({"run"}).exit_code == 2);
    CHECK(run_cli({"run", (dir / "missing.cpp").string()}).exit_code == 2);
}

TEST_CASE("cli: a compile error shows file:line and exits 1", "[cli][script]") {
    TempDir dir("cli-compile");
    write_text(dir / "broken.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                   "LAZYCAD_MODEL() {\n    display(box(1, 1, 1)\n}\n");
    CliResult r = run_cli({"run", (dir / "broken.cpp").string(), "--cache-dir", (dir / "c").string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("broken.cpp:4") && Catch::Contains("error"));
}

TEST_CASE("script: an unchanged script is not recompiled; an edit is", "[script]") {
    TempDir dir("script-cache");
    write_text(dir / "m.cpp", model_text);
    CacheOptions cache{true, (dir / "c").string()};
    script::CompiledScript first = script::compile(dir / "m.cpp", cache);
    CHECK_FALSE(first.from_cache);
    script::CompiledScript again = script::compile(dir / "m.cpp", cache);
    CHECK(again.from_cache);
    CHECK(again.object == first.object);
    write_text(dir / "m.cpp", std::string(model_text) + "// edited\n");
    script::CompiledScript edited = script::compile(dir / "m.cpp", cache);
    CHECK_FALSE(edited.from_cache);
    CHECK(edited.object != first.object);
}

TEST_CASE("cli: --no-cache leaves no compiled script behind", "[cli]") {
    TempDir dir("cli-nocache");
    write_text(dir / "m.cpp", model_text);
    fs::path tmp = dir / "tmp";
    fs::create_directories(tmp);
    CliResult run = run_cli({"run", (dir / "m.cpp").string(), "--no-cache"}, "TMPDIR=" + tmp.string());
    REQUIRE(run.exit_code == 0);
    CHECK(fs::is_empty(tmp));
    write_text(dir / "broken.cpp", "#include <lazycad/lazycad.hpp>\nLAZYCAD_MODEL() { oops }\n");
    CliResult broken = run_cli({"run", (dir / "broken.cpp").string(), "--no-cache"}, "TMPDIR=" + tmp.string());
    CHECK(broken.exit_code == 1);
    CHECK(fs::is_empty(tmp));
}

TEST_CASE("cli: an error names the script line that made the failing operation", "[cli]") {
    TempDir dir("cli-where");
    // Line 6: a bad argument, caught when the node is made; line 7: a fillet
    // too large for a 3 mm plate, caught when it is computed.
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    double w = param("w", 100.0);
    double r = param("r", 8.0);
    Shape plate = box(w, 60, 3);
    display(plate.fillet(r, edges::parallel_to(Axis::X)));
}
)");
    const std::string m = (dir / "m.cpp").string(), cache = (dir / "cache").string();
    for (const char* cache_flag : {"--cache-dir", "--no-cache"}) {
        INFO(cache_flag);
        std::vector<std::string> args{"run", m, cache_flag};
        if (std::string(cache_flag) == "--cache-dir") args.push_back(cache);
        CliResult computed = run_cli(args);
        CHECK(computed.exit_code == 1);
        CHECK_THAT(computed.output, Catch::Contains("m.cpp:7: error: fillet: parameter 'r' too large"));
        args.insert(args.end(), {"-D", "w=-1"});
        CliResult made = run_cli(args);
        CHECK(made.exit_code == 1);
        CHECK_THAT(made.output, Catch::Contains("m.cpp:6: error: box: parameter 'x' must be positive"));
    }
}
