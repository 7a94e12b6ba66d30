// The cache as a tool: `lazycad explain` (why each node would recompute),
// `lazycad cache show` and `cache get` (a cached result back out without
// running the model). Real CLI runs on real cache folders.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numbers>

#include <BRepGProp.hxx>
#include <BRep_Builder.hxx>
#include <BRepTools.hxx>
#include <GProp_GProps.hxx>
#include <TopoDS_Shape.hxx>
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
    double h = param("height", 20.0);
    Shape body = box(10, 10, h) - cylinder(3, h).right(5).forw(5);
    display(body.fillet(1, edges::parallel_to(Axis::Z)).named("part"));
}
)";

struct Model {
    TempDir dir{"cache-controls"};
    std::string m = (dir / "m.cpp").string();
    std::string cache = (dir / "cache").string();
    Model() { write_text(dir / "m.cpp", model_text); }
    CliResult cli(std::vector<std::string> args) {
        args.insert(args.begin() + 1, m);
        args.insert(args.end(), {"--cache-dir", cache});
        return run_cli(args);
    }
};

fs::path only_manifest(const std::string& cache) {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(fs::path(cache) / "runs"))
        if (e.path().extension() == ".json") found.push_back(e.path());
    REQUIRE(found.size() == 1);
    return found.front();
}

/// A run manifest: a "run <digest>" line, then the JSON.
nlohmann::json manifest_json(const fs::path& file) {
    std::ifstream in(file);
    std::string digest_line;
    std::getline(in, digest_line);
    return nlohmann::json::parse(in);
}

std::string recorded_root(const std::string& cache) {
    return manifest_json(only_manifest(cache))["roots"][0];
}

} // namespace

TEST_CASE("explain: computes nothing and says why each node would", "[explain]") {
    Model model;
    CliResult cold = model.cli({"explain"});
    REQUIRE(cold.exit_code == 0);
    CHECK_THAT(cold.out, Catch::Contains("fillet 'part': never computed") &&
                             Catch::Contains("m.cpp:6)") && Catch::Contains("6 node(s) would be computed"));
    fs::path objects = fs::path(model.cache) / "objects";
    bool any_entry = false;
    if (fs::exists(objects))
        for (const auto& e : fs::recursive_directory_iterator(objects)) any_entry |= e.is_regular_file();
    CHECK_FALSE(any_entry);

    REQUIRE(model.cli({"run"}).exit_code == 0);
    CliResult warm = model.cli({"explain"});
    CHECK_THAT(warm.out, Catch::Contains("0 node(s) would be computed, 1 loaded from the cache"));

    SECTION("an edited -D names the value, the script parameter and the line") {
        CliResult r = model.cli({"explain", "-D", "height=30"});
        CHECK(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("box: new value box.z 20 → 30, param 'height' 20 → 30 (") &&
                               Catch::Contains("m.cpp:5)"));
        CHECK_THAT(r.out, Catch::Contains("fillet 'part': parent recomputed ("));
    }
    SECTION("an edited literal in the script names the value and its line") {
        std::string text = model_text;
        text.replace(text.find("fillet(1,"), 9, "fillet(1.5,");
        write_text(model.dir / "m.cpp", text);
        CliResult r = model.cli({"explain"});
        CHECK_THAT(r.out, Catch::Contains("fillet 'part': new value fillet.r 1 → 1.5 (") && Catch::Contains("m.cpp:6)"));
        CHECK_THAT(r.out, Catch::Contains("1 node(s) would be computed, 1 loaded from the cache"));
    }
    SECTION("an operation whose version changed since the last run") {
        // Simulate the last run having been made by a lazycad whose fillet
        // was at version 0: rewrite the recorded node under another key.
        fs::path file = only_manifest(model.cache);
        nlohmann::json j = manifest_json(file);
        std::string root = j["roots"][0];
        nlohmann::json node = j["nodes"][root];
        node["version"] = 0;
        std::string old_key = std::string(64, 'a');
        j["nodes"].erase(root);
        j["nodes"][old_key] = node;
        j["roots"][0] = old_key;
        std::ofstream(file) << "run (edited)\n" << j.dump();
        fs::remove_all(fs::path(model.cache) / "objects" / root.substr(0, 2));
        CliResult r = model.cli({"explain"});
        CHECK_THAT(r.out, Catch::Contains("fillet 'part': operation version 0 → "));
    }
    SECTION("an entry removed from the cache") {
        std::string root = recorded_root(model.cache);
        fs::remove(fs::path(model.cache) / "objects" / root.substr(0, 2) / root);
        CliResult r = model.cli({"explain"});
        CHECK_THAT(r.out, Catch::Contains("fillet 'part': entry evicted"));
    }
}

TEST_CASE("cache show and get: a cached result back out without running the model", "[explain][cli]") {
    Model model;
    REQUIRE(model.cli({"run"}).exit_code == 0);
    std::string root = recorded_root(model.cache);

    CliResult by_name = run_cli({"cache", "show", model.m + ":part", "--cache-dir", model.cache});
    REQUIRE(by_name.exit_code == 0);
    CHECK_THAT(by_name.out, Catch::Contains("key        " + root) && Catch::Contains("operation  fillet") &&
                                Catch::Contains("name       part"));
    CliResult by_key = run_cli({"cache", "show", root.substr(0, 10), "--cache-dir", model.cache});
    CHECK(by_key.exit_code == 0);
    CHECK(by_key.out == by_name.out);

    fs::path brep = model.dir / "part.brep";
    // The model is gone: get must not need it.
    fs::remove(model.dir / "m.cpp");
    CliResult get = run_cli({"cache", "get", root.substr(0, 12), "-o", brep.string(), "--cache-dir", model.cache});
    INFO(get.output);
    REQUIRE(get.exit_code == 0);
    TopoDS_Shape shape;
    BRep_Builder builder;
    REQUIRE(BRepTools::Read(shape, brep.c_str(), builder));
    GProp_GProps props;
    BRepGProp::VolumeProperties(shape, props, 1e-9);
    // Box with a through hole, its four vertical edges rounded with r = 1.
    double expected = 10.0 * 10 * 20 - std::numbers::pi * 9 * 20 - 4 * (1 - std::numbers::pi / 4) * 20;
    CHECK(props.Mass() == Approx(expected).epsilon(1e-6));

    CHECK(run_cli({"cache", "show", "12", "--cache-dir", model.cache}).exit_code == 2);
    CHECK(run_cli({"cache", "show", "zzzzzzzz", "--cache-dir", model.cache}).exit_code != 0);
    CliResult unknown = run_cli({"cache", "show", model.m + ":nope", "--cache-dir", model.cache});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Catch::Contains("its named nodes: part"));
    CHECK(run_cli({"cache", "get", root.substr(0, 12), "--cache-dir", model.cache}).exit_code == 2);
}

TEST_CASE("recompute and uncached: per-node cache behaviours", "[explain][cache]") {
    TempDir dir("behaviours");
    const std::string cache = (dir / "cache").string();
    auto computed = [&](const std::string& model, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"run", (dir / model).string(), "--cache-dir", cache, "--stats=json"};
        args.insert(args.end(), extra.begin(), extra.end());
        CliResult r = run_cli(args);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        return stats_of(r)["computed"].get<int>();
    };
    auto entries = [&] {
        int n = 0;
        fs::path objects = fs::path(cache) / "objects";
        if (fs::exists(objects))
            for (const auto& e : fs::recursive_directory_iterator(objects)) n += e.is_regular_file();
        return n;
    };

    SECTION(".uncached() is never written to or read from the directory cache") {
        write_text(dir / "u.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                  "LAZYCAD_MODEL() { display((box(10, 10, 10) - sphere(6)).uncached()); }\n");
        CHECK(computed("u.cpp") == 3);
        CHECK(entries() == 0);
        CHECK(computed("u.cpp") == 3);
    }
    SECTION(".recompute() computes every run and stores the new result") {
        write_text(dir / "r.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                  "LAZYCAD_MODEL() { display((box(10, 10, 10) - sphere(6)).recompute()); }\n");
        CHECK(computed("r.cpp") == 3);
        CHECK(entries() == 1);
        CHECK(computed("r.cpp") == 3);
        CliResult why = run_cli({"explain", (dir / "r.cpp").string(), "--cache-dir", cache});
        CHECK_THAT(why.out, Catch::Contains("difference: forced (recompute)"));
    }
    SECTION("--recompute NAME forces the named node only") {
        write_text(dir / "n.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                  "LAZYCAD_MODEL() {\n"
                                  "    Shape cut = (box(10, 10, 10) - sphere(6)).named(\"cut\");\n"
                                  "    display(cut.fillet(0.5, edges::parallel_to(Axis::Z)));\n}\n");
        CHECK(computed("n.cpp") == 4);
        CHECK(computed("n.cpp") == 0);
        // The forced cut, its cheap parents, and the fillet built on it (its
        // cached result derives from the cut's).
        // explain says the same before the run does it.
        CliResult why = run_cli({"explain", (dir / "n.cpp").string(), "--cache-dir", cache,
                                 "--recompute", "cut"});
        CHECK_THAT(why.out, Catch::Contains("difference 'cut': forced (--recompute)"));
        CHECK_THAT(why.out, Catch::Contains("fillet: forced (--recompute)"));
        CHECK_THAT(why.out, Catch::Contains("4 node(s) would be computed"));
        CHECK(computed("n.cpp", {"--recompute", "cut"}) == 4);
        CHECK(computed("n.cpp") == 0);
    }
}

TEST_CASE("override: a named node replaced by a file or a cache entry skips its subtree", "[explain][cli]") {
    TempDir dir("override");
    const std::string cache = (dir / "cache").string();
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    Shape core = (sphere(10) - cylinder(3, 30, true)).named("core");
    display((core + box(4, 4, 4).up(20)).named("part"));
}
)");
    // A part made elsewhere: a 6 mm cube at the origin.
    export_file({{box(6, 6, 6), color::steel}}, (dir / "cube.brep").string(),
                ExportOptions{0.01, 0.2, without_cache()});
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"run", (dir / "m.cpp").string(), "--cache-dir", cache, "-v", "--stats=json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    };
    CliResult plain = run({});
    REQUIRE(plain.exit_code == 0);
    CliResult over = run({"--override", "core=" + (dir / "cube.brep").string()});
    INFO(over.output);
    REQUIRE(over.exit_code == 0);
    // import, box, translate, union: the sphere and cylinder are never built.
    CHECK(stats_of(over)["computed"] == 4);
    CHECK_THAT(over.output, Catch::Contains("'part' (union): volume 280 mm3")); // 216 + 64
    CliResult again = run({"--override", "core=" + (dir / "cube.brep").string()});
    CHECK(stats_of(again)["computed"] == 0);

    // The same through a cache entry: the override's key prefix.
    std::string part_key = recorded_root(cache);
    CliResult by_key = run({"--override", "part=cache:" + part_key.substr(0, 12)});
    INFO(by_key.output);
    CHECK(by_key.exit_code == 0);
    CHECK_THAT(by_key.output, Catch::Contains("volume 280 mm3"));

    CliResult unknown = run({"--override", "nope=" + (dir / "cube.brep").string()});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Catch::Contains("no node is named 'nope'") && Catch::Contains("core, part"));
    CHECK(run({"--override", "core=" + (dir / "cube.txt").string()}).exit_code == 2);
}

TEST_CASE("pin: a pinned node keeps its cached result across a changed subtree, and warns", "[explain][cli]") {
    TempDir dir("pin");
    const std::string cache = (dir / "cache").string();
    auto model = [&](const std::string& body) {
        write_text(dir / "m.cpp", "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                                  "LAZYCAD_MODEL() {\n    display(" + body + ");\n}\n");
        return run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache, "-v"});
    };
    CliResult first = model("(box(10, 10, 10) - sphere(6)).pin(\"body\")");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.output, !Catch::Contains("pinned"));
    // A refactor that changes the subtree: the pin keeps the stored result.
    CliResult refactored = model("(box(10, 10, 10) - sphere(6.5)).pin(\"body\")");
    INFO(refactored.output);
    REQUIRE(refactored.exit_code == 0);
    CHECK_THAT(refactored.output,
               Catch::Contains("warning: pinned 'body' kept its cached result although its inputs changed (") &&
                   Catch::Contains("m.cpp:4)"));
    auto volume_line = [](const std::string& out) { return out.substr(out.find("volume")); };
    CHECK(volume_line(refactored.output) == volume_line(first.output));
    CHECK_THAT(refactored.output, Catch::Contains("0 computed"));
    // Without the pin the new subtree is computed.
    CliResult unpinned = model("box(10, 10, 10) - sphere(6.5)");
    CHECK(volume_line(unpinned.output) != volume_line(first.output));
    // The same pin label with the original subtree: no warning.
    CliResult back = model("(box(10, 10, 10) - sphere(6)).pin(\"body\")");
    CHECK_THAT(back.output, !Catch::Contains("pinned"));
    require_error([] { box(1, 1, 1).pin(""); }, "pin", "label");
}
