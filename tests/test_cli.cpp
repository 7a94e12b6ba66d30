// The `lazycad` CLI end to end: real processes, real cache folders.

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>

#include <BRepGProp.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <GProp_GProps.hxx>
#include <TopoDS_Shape.hxx>
#include <nlohmann/json.hpp>

#include "process.hpp"
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

TEST_CASE("cli: second run computes nothing, -D recomputes the dependent nodes", "[cli]") {
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
    // A mistyped -D name or a malformed value is a usage error (exit 2) that
    // lists the script's parameters.
    CliResult unknown = run_cli({"run", m, "--no-cache", "-D", "hieght=3"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Catch::Contains("hieght") && Catch::Contains("height (default 20)") &&
                                   Catch::Contains("tag"));
    CliResult malformed = run_cli({"run", m, "--no-cache", "-D", "height=abc"});
    CHECK(malformed.exit_code == 2);
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

TEST_CASE("script: an unchanged script is not recompiled, an edit is", "[script]") {
    TempDir dir("script-cache");
    write_text(dir / "m.cpp", model_text);
    CacheOptions cache{true, (dir / "c").string(), {}};
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

TEST_CASE("cli: the newcomer's first hour", "[cli]") {
    TempDir dir("cli-newcomer");
    write_text(dir / "m.cpp", model_text);
    const std::string m = (dir / "m.cpp").string(), cache = (dir / "cache").string();

    SECTION("--version names lazycad's and OCCT's versions") {
        CliResult r = run_cli({"--version"});
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::StartsWith("lazycad 0.") && Catch::Contains("OpenCASCADE 7.6"));
    }
    SECTION("an unknown command is named and the commands are listed, exit 2") {
        CliResult r = run_cli({"bogus", m});
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains("unknown command 'bogus'") &&
                                 Catch::Contains("run, export, tree, explain, params, view, render, cache"));
    }
    SECTION("a file that is not a C++ script, or is missing, is said plainly, exit 2") {
        write_text(dir / "README.md", "# not a model\n");
        CliResult md = run_cli({"run", (dir / "README.md").string(), "--cache-dir", cache});
        CHECK(md.exit_code == 2);
        CHECK_THAT(md.output, Catch::Contains("README.md is not a C++ model script"));
        CHECK_THAT(md.output, !Catch::Contains("ld:") && !Catch::Contains("undefined reference"));
        CHECK_FALSE(fs::exists(cache));
        CliResult missing = run_cli({"run", (dir / "nope.cpp").string()});
        CHECK(missing.exit_code == 2);
        CHECK_THAT(missing.output, Catch::Contains("no such model script: " + (dir / "nope.cpp").string()));
        CliResult folder = run_cli({"export", dir.path().string(), "-o", (dir / "x.step").string()});
        CHECK(folder.exit_code == 2);
        CHECK_THAT(folder.output, Catch::Contains("is a folder"));
    }
    SECTION("help says `lazycad`, per command, with only that command's options") {
        CliResult top = run_cli({"--help"});
        CHECK(top.exit_code == 0);
        CHECK_THAT(top.output, Catch::Contains("Usage: lazycad ") && !Catch::Contains(LAZYCAD_CLI));
        CliResult cache_help = run_cli({"cache", "--help"});
        CHECK_THAT(cache_help.output, Catch::Contains("Usage: lazycad cache") &&
                                          Catch::Contains("--cache-dir") && !Catch::Contains("--jobs") &&
                                          !Catch::Contains("--define"));
        CliResult tree_help = run_cli({"tree", "--help"});
        CHECK_THAT(tree_help.output, Catch::Contains("Usage: lazycad tree") && !Catch::Contains("--jobs"));
        CliResult run_help = run_cli({"run", "--help"});
        CHECK_THAT(run_help.output, Catch::Contains("--jobs") && Catch::Contains("--define"));
#ifdef LAZYCAD_VIEW
        for (const char* cmd : {"view", "render"}) {
            INFO(cmd);
            CliResult h = run_cli({cmd, "--help"});
            CHECK(h.exit_code == 0);
            // Test-only options stay out of the help.
            CHECK_THAT(h.output, Catch::Contains(std::string("Usage: lazycad ") + cmd) &&
                                     !Catch::Contains("lazycad-view") && !Catch::Contains("lazycad-render") &&
                                     !Catch::Contains("--status-file") && !Catch::Contains("--exit-after") &&
                                     !Catch::Contains("--test-step") && !Catch::Contains("--cancel-after"));
        }
#endif
    }
    SECTION("a script that displays nothing warns and exits 0; export refuses") {
        write_text(dir / "empty.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                      "LAZYCAD_MODEL() { Shape b = box(1, 2, 3); (void)b; }\n");
        CliResult r = run_cli({"run", (dir / "empty.cpp").string(), "--cache-dir", cache});
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.output, Catch::Contains("warning: nothing was displayed"));
        CliResult e = run_cli({"export", (dir / "empty.cpp").string(), "--cache-dir", cache, "-o",
                               (dir / "e.step").string()});
        CHECK(e.exit_code == 1);
        CHECK_THAT(e.output, Catch::Contains("nothing to export"));
        CHECK_FALSE(fs::exists(dir / "e.step"));
    }
    SECTION("-v names shapes by .named() and prints volumes with 6 significant digits") {
        write_text(dir / "named.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    display(box(0.5, 0.5, 3.3799).named("pin"));
    display(sphere(2));
}
)");
        CliResult r = run_cli({"run", (dir / "named.cpp").string(), "--cache-dir", cache, "-v"});
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.output, Catch::Contains("'pin' (box): volume 0.844975 mm3"));
        CHECK_THAT(r.output, Catch::Contains("shape 2 (sphere): volume 33.5103 mm3"));
    }
    SECTION("cache tools on a folder that does not exist say so and create nothing") {
        fs::path nowhere = dir / "no-such-cache";
        for (const char* action : {"stats", "ls", "gc", "verify", "clear"}) {
            INFO(action);
            CliResult r = run_cli({"cache", action, "--cache-dir", nowhere.string()});
            CHECK(r.exit_code == 0);
            CHECK_THAT(r.output, Catch::Contains("no cache at " + nowhere.string()));
            CHECK_FALSE(fs::exists(nowhere));
        }
        CliResult neg = run_cli({"cache", "gc", "--max-size", "-5", "--cache-dir", cache});
        CHECK(neg.exit_code == 2);
    }
}

TEST_CASE("cli: the progress line keeps ticking during one long operation", "[cli][slow]") {
    // A custom operation that takes 2.5 s: the line must be redrawn with a
    // growing elapsed time while it runs, not sit still. `script` gives the
    // CLI a terminal (the line is only drawn on one).
    TempDir dir("cli-progress");
    write_text(dir / "slow.cpp", R"(#include <chrono>
#include <thread>
#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    display(custom_operation("slow", "1", {}, {box(1, 1, 1)},
                             [](const std::vector<TopoDS_Shape>& in, const Params&) {
                                 std::this_thread::sleep_for(std::chrono::milliseconds(2500));
                                 return in.at(0);
                             }));
}
)");
    std::string cmd = std::string("'") + LAZYCAD_CLI + "' run '" + (dir / "slow.cpp").string() +
                      "' --no-cache";
    script::ProcessResult r =
        script::run_process({"script", "-q", "-e", "-c", cmd, (dir / "typescript").string()});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "typescript");
    std::string screen((std::istreambuf_iterator<char>(in)), {});
    std::regex tick(R"(\[\d+/\d+\] custom:slow  (\d+\.\d) s)");
    std::set<std::string> times;
    for (auto it = std::sregex_iterator(screen.begin(), screen.end(), tick); it != std::sregex_iterator(); ++it)
        times.insert((*it)[1]);
    INFO(screen);
    CHECK(times.size() >= 3); // e.g. 1.0, 1.2, 1.5 ... s: redrawn while the one node ran
}

TEST_CASE("cli: params lists the script's parameters without evaluating", "[cli]") {
    TempDir dir("cli-params");
    write_text(dir / "m.cpp", model_text);
    const std::string m = (dir / "m.cpp").string(), cache = (dir / "cache").string();
    CliResult text = run_cli({"params", m, "--cache-dir", cache, "-D", "height=7"});
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("height") && Catch::Contains("number") &&
                             Catch::Contains("default 20") && Catch::Contains("(-D: 7)") &&
                             Catch::Contains("tag") && Catch::Contains("string"));
    CliResult json = run_cli({"params", m, "--cache-dir", cache, "--json"});
    REQUIRE(json.exit_code == 0);
    nlohmann::json list = nlohmann::json::parse(json.out);
    REQUIRE(list.size() == 2);
    CHECK(list[0]["name"] == "height");
    CHECK(list[0]["type"] == "number");
    CHECK(list[0]["default"] == "20");
    CHECK(list[1]["type"] == "string");
    CHECK(list[1]["default"] == "a");
    // Nothing was computed: no shape entry in the cache.
    CHECK_FALSE(fs::exists(dir / "cache" / "objects"));
}

TEST_CASE("cli: export --part writes one displayed shape, by name or number", "[cli]") {
    TempDir dir("cli-part");
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    display(box(10, 20, 30).named("block"));
    display(cylinder(2, 10).right(40));
}
)");
    const std::string m = (dir / "m.cpp").string(), cache = (dir / "cache").string();
    auto volume_of = [](const fs::path& brep) {
        TopoDS_Shape s;
        BRep_Builder b;
        REQUIRE(BRepTools::Read(s, brep.c_str(), b));
        GProp_GProps g;
        BRepGProp::VolumeProperties(s, g);
        return g.Mass();
    };
    CliResult block = run_cli({"export", m, "--cache-dir", cache, "--part", "block", "-o", (dir / "b.brep").string()});
    REQUIRE(block.exit_code == 0);
    CHECK(volume_of(dir / "b.brep") == Approx(10.0 * 20 * 30).epsilon(1e-9));
    CliResult pin = run_cli({"export", m, "--cache-dir", cache, "--part", "shape 2", "-o", (dir / "p.brep").string()});
    REQUIRE(pin.exit_code == 0);
    CHECK(volume_of(dir / "p.brep") == Approx(M_PI * 4 * 10).epsilon(1e-9));
    CliResult bad = run_cli({"export", m, "--cache-dir", cache, "--part", "lid", "-o", (dir / "x.brep").string()});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.output, Catch::Contains("'lid'") && Catch::Contains("block, shape 2"));
    CHECK_FALSE(fs::exists(dir / "x.brep"));
}
