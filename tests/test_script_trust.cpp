// Compiled scripts are never stale and never foreign (issue 10): the key
// covers every file the compiler read; custom operations are keyed by the
// script's code; the scripts folder is private; faults in user code end
// cleanly. Real CLI runs, real files, real processes.

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <atomic>
#include <thread>
#include <algorithm>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dependencies.hpp"
#include "lazycad/measure.hpp"
#include "process.hpp"
#include "script_runner.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// A 10 x 10 x D box, D from an included header.
const char* box_from_header = R"(#include <lazycad/lazycad.hpp>
#include "dims.hpp"
using namespace lazycad;
LAZYCAD_MODEL() {
    display(box(10, 10, dims::height));
}
)";

std::string dims(double h) {
    return "#pragma once\nnamespace dims { constexpr double height = " + std::to_string(h) + "; }\n";
}

} // namespace

TEST_CASE("trust: the depfile parser undoes Make's escapes", "[trust]") {
    auto deps = script::parse_depfile("out.so: /a/m.cpp /b/with\\ space.hpp \\\n /c/d$$.hpp\n"
                                      "/a/m.cpp:\n");
    REQUIRE(deps.size() == 3);
    CHECK(deps[0] == "/a/m.cpp");
    CHECK(deps[1] == "/b/with space.hpp");
    CHECK(deps[2] == "/c/d$.hpp");
}

TEST_CASE("trust: editing an included header recompiles the script", "[trust][cli]") {
    TempDir dir("trust-header");
    write_text(dir / "m.cpp", box_from_header);
    write_text(dir / "dims.hpp", dims(5));
    const std::vector<std::string> run{"run", (dir / "m.cpp").string(), "-v", "--cache-dir",
                                       (dir / "cache").string()};
    CliResult first = run_cli(run);
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.output, Contains("script compiled") && Contains("volume 500 mm3"));

    CliResult warm = run_cli(run);
    CHECK_THAT(warm.output, Contains("script loaded from cache") && Contains("volume 500 mm3"));

    write_text(dir / "dims.hpp", dims(7));
    CliResult edited = run_cli(run);
    INFO(edited.output);
    REQUIRE(edited.exit_code == 0);
    CHECK_THAT(edited.output, Contains("script compiled") && Contains("volume 700 mm3"));

    CliResult again = run_cli(run);
    CHECK_THAT(again.output, Contains("script loaded from cache") && Contains("volume 700 mm3"));

    // Undoing the edit finds the first object again: nothing is compiled.
    write_text(dir / "dims.hpp", dims(5));
    CliResult undone = run_cli(run);
    INFO(undone.output);
    CHECK_THAT(undone.output, Contains("script loaded from cache") && Contains("volume 500 mm3"));
}

TEST_CASE("trust: the compiled script lists what it read, and its sources are the user's files",
          "[trust]") {
    TempDir dir("trust-deps");
    write_text(dir / "m.cpp", box_from_header);
    write_text(dir / "dims.hpp", dims(5));
    CacheOptions cache{true, (dir / "cache").string(), {}};
    for (bool cached : {false, true}) {
        INFO("from cache: " << cached);
        script::CompiledScript c = script::compile(dir / "m.cpp", cache);
        CHECK(c.from_cache == cached);
        auto has = [](const std::vector<fs::path>& v, const std::string& tail) {
            for (const fs::path& p : v)
                if (p.string().ends_with(tail)) return true;
            return false;
        };
        CHECK(has(c.sources, "/m.cpp"));
        CHECK(has(c.sources, "/dims.hpp"));
        CHECK(c.sources.size() == 2);
        CHECK(has(c.dependencies, "/lazycad/shape.hpp")); // lazycad's headers are in the key
        CHECK_FALSE(has(c.sources, "/lazycad/shape.hpp"));
        CHECK(c.code_fingerprint.size() == 64);
        CHECK(c.object.parent_path().filename() == fmt::format("scripts-{}", geteuid()));
    }
}

TEST_CASE("trust: an error names the file that was run, not a copy compiled elsewhere",
          "[trust][cli]") {
    TempDir dir("trust-where");
    const char* text = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    double r = param("r", 8.0);
    Shape plate = box(100, 60, 3);
    display(plate.fillet(r, edges::parallel_to(Axis::X)));
}
)";
    write_text(dir / "first" / "m.cpp", text);
    write_text(dir / "second" / "m.cpp", text);
    const std::string cache = (dir / "cache").string();
    CliResult a = run_cli({"run", (dir / "first" / "m.cpp").string(), "--cache-dir", cache});
    CHECK(a.exit_code == 1);
    CHECK_THAT(a.output, Contains("first/m.cpp:6: error: fillet"));
    CliResult b = run_cli({"run", (dir / "second" / "m.cpp").string(), "--cache-dir", cache});
    INFO(b.output);
    CHECK(b.exit_code == 1);
    CHECK_THAT(b.output, Contains("second/m.cpp:6: error: fillet"));
    CHECK_THAT(b.output, !Contains("first/"));
}

namespace {

/// A custom operation stretching a 10 mm cube along Z by `k` (in its body),
/// with version string VERSION.
std::string custom_script(const std::string& version, const std::string& k) {
    return R"(#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>
#include <BRepBuilderAPI_GTransform.hxx>
#include <gp_GTrsf.hxx>
using namespace lazycad;
LAZYCAD_MODEL() {
    auto stretch = [](const std::vector<TopoDS_Shape>& in, const Params&) {
        gp_GTrsf t;
        t.SetValue(3, 3, )" + k + R"();
        return BRepBuilderAPI_GTransform(in.at(0), t, true).Shape();
    };
    display(custom_operation("stretch", )" + version + R"(, {}, {box(10, 10, 10)}, stretch));
}
)";
}

nlohmann::json stats_of(const CliResult& r) {
    return nlohmann::json::parse(r.out.substr(r.out.rfind('{')));
}

} // namespace

TEST_CASE("trust: a custom operation is keyed by its script's code unless pinned", "[trust][cli][custom_op]") {
    TempDir dir("trust-custom");
    const fs::path m = dir / "m.cpp";
    const std::vector<std::string> run{"run", m.string(), "-v", "--stats=json", "--cache-dir",
                                       (dir / "cache").string()};
    SECTION("by default an edited body recomputes, without touching the version") {
        write_text(m, custom_script("\"1\"", "2.0"));
        CliResult first = run_cli(run);
        INFO(first.output);
        REQUIRE(first.exit_code == 0);
        CHECK_THAT(first.output, Contains("volume 2000 mm3"));
        CliResult warm = run_cli(run);
        CHECK(stats_of(warm)["computed"] == 0);
        CHECK(stats_of(warm)["disk_hits"] == 1);

        write_text(m, custom_script("\"1\"", "3.0"));
        CliResult edited = run_cli(run);
        INFO(edited.output);
        REQUIRE(edited.exit_code == 0);
        CHECK(stats_of(edited)["computed"] == 2); // the custom node and its (cheap, unstored) box
        CHECK(stats_of(edited)["disk_hits"] == 0);
        CHECK_THAT(edited.output, Contains("volume 3000 mm3"));
    }
    SECTION("pinned: the user vouches that the result did not change; it is served") {
        write_text(m, custom_script("pinned(\"1\")", "2.0"));
        CliResult first = run_cli(run);
        INFO(first.output);
        REQUIRE(first.exit_code == 0);
        CHECK_THAT(first.output, Contains("volume 2000 mm3"));
        // A refactor (here, a body the user claims equivalent) keeps the result.
        write_text(m, custom_script("pinned(\"1\")", "2.0 * 1.0"));
        CliResult refactored = run_cli(run);
        INFO(refactored.output);
        REQUIRE(refactored.exit_code == 0);
        CHECK_THAT(refactored.output, Contains("script compiled"));
        CHECK(stats_of(refactored)["computed"] == 0);
        CHECK(stats_of(refactored)["disk_hits"] == 1);
        CHECK_THAT(refactored.output, Contains("volume 2000 mm3"));
    }
}

namespace {

const char* honest_script = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() { display(box(10, 10, 5)); }
)";

/// A compiled object that announces itself when loaded: what an attacker plants.
fs::path planted_object(const TempDir& dir) {
    write_text(dir / "evil" / "evil.cpp", R"(#include <cstdio>
#include <lazycad/lazycad.hpp>
using namespace lazycad;
__attribute__((constructor)) static void announce() { std::fprintf(stderr, "PLANTED CODE RAN\n"); }
LAZYCAD_MODEL() { display(box(1, 1, 1)); }
)");
    script::CompiledScript c = script::compile(dir / "evil" / "evil.cpp", {true, (dir / "evil-cache").string(), {}});
    REQUIRE(fs::exists(c.object));
    return c.object;
}

} // namespace

TEST_CASE("trust: a .so planted in the shared scripts/ folder is never loaded", "[trust][cli][security]") {
    TempDir dir("trust-plant");
    write_text(dir / "m.cpp", honest_script);
    const fs::path cache = dir / "cache";
    const std::vector<std::string> run{"run", (dir / "m.cpp").string(), "-v", "--cache-dir", cache.string()};
    REQUIRE(run_cli(run).exit_code == 0);
    // Plant the attacker's object in the old shared folder under every name the
    // private folder uses (object, manifest), then make the private one compile again.
    fs::path evil = planted_object(dir);
    fs::path mine = *script::script_folder_path({true, cache.string(), {}});
    fs::create_directories(cache / "scripts");
    for (const auto& e : fs::directory_iterator(mine))
        fs::copy_file(evil, cache / "scripts" / e.path().filename());
    fs::remove_all(mine);
    CliResult r = run_cli(run, "LD_DEBUG=files");
    INFO(r.output.substr(0, 4000));
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.output, !Contains("PLANTED CODE RAN"));
    CHECK_THAT(r.output, !Contains((cache / "scripts/").string()));
    CHECK_THAT(r.output, Contains("volume 500 mm3"));
}

TEST_CASE("trust: a scripts folder that is a symlink, someone else's or group-writable is refused",
          "[trust][cli][security]") {
    TempDir dir("trust-folder");
    write_text(dir / "m.cpp", honest_script);
    const fs::path cache = dir / "cache";
    const fs::path mine = *script::script_folder_path({true, cache.string(), {}});
    const std::vector<std::string> run{"run", (dir / "m.cpp").string(), "-v", "--cache-dir", cache.string()};
    REQUIRE(run_cli(run).exit_code == 0); // fills the folder with a manifest and an object
    fs::path evil = planted_object(dir);
    // The attacker's copy of the folder: the same manifest, the object replaced.
    fs::path theirs = dir / "theirs";
    fs::copy(mine, theirs);
    for (const auto& e : fs::directory_iterator(theirs))
        if (e.path().extension() == ".so") fs::copy_file(evil, e.path(), fs::copy_options::overwrite_existing);

    auto check_refused = [&](const std::string& why) {
        CliResult r = run_cli(run);
        INFO(r.output);
        CHECK(r.exit_code == 0); // the run still works, compiled privately
        CHECK_THAT(r.output, !Contains("PLANTED CODE RAN"));
        CHECK_THAT(r.output, Contains("volume 500 mm3"));
        CHECK_THAT(r.output, Contains("warning: compiled scripts: " + mine.string() + " " + why));
        CHECK_THAT(r.output, Contains("script compiled"));
    };
    SECTION("a symbolic link to a folder the attacker filled") {
        fs::remove_all(mine);
        fs::create_directory_symlink(theirs, mine);
        check_refused("is a symbolic link");
    }
    SECTION("group-writable") {
        fs::remove_all(mine);
        fs::rename(theirs, mine);
        fs::permissions(mine, fs::perms::owner_all | fs::perms::group_all);
        check_refused("is writable by others");
    }
    SECTION("owned by another user") {
        if (geteuid() != 0) {
            WARN("skipped: changing a folder's owner needs root");
            return;
        }
        fs::remove_all(mine);
        fs::rename(theirs, mine);
        REQUIRE(chown(mine.c_str(), 65534, 65534) == 0); // nobody
        check_refused("belongs to user id 65534");
    }
}

namespace {

/// A script whose body (`where` "script") or custom operation ("custom")
/// runs `statement` on line 10.
std::string faulty_script(const std::string& where, const std::string& statement) {
    std::string head = R"(#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>
#include <cstdlib>
#include <thread>
#include <BRepPrimAPI_MakeBox.hxx>
using namespace lazycad;
static int deep(int n) { volatile char b[4096]; b[0] = char(n); return n == 0 ? 0 : deep(n + 1) + b[0]; }
)";
    if (where == "script")
        return head + "LAZYCAD_MODEL() {\n    display(box(1, 1, 1));\n    " + statement + "\n}\n";
    return head + "LAZYCAD_MODEL() {\n    display(custom_operation(\"bad\", \"1\", {}, {}, [](const "
                  "std::vector<TopoDS_Shape>&, const Params&) -> TopoDS_Shape {\n        " +
           statement + "\n        return BRepPrimAPI_MakeBox(1, 1, 1).Shape(); }));\n}\n";
}

} // namespace

TEST_CASE("trust: a crash in user code ends with a message naming the line, exit code 1, no cache damage",
          "[trust][cli][crash][slow]") {
    TempDir dir("trust-crash");
    const std::string cache = (dir / "cache").string();
    write_text(dir / "ok.cpp", honest_script);
    REQUIRE(run_cli({"run", (dir / "ok.cpp").string(), "--cache-dir", cache}).exit_code == 0);
    struct Kind {
        const char* name;
        const char* statement;
        const char* message; ///< from lazycad
    };
    for (Kind k : {Kind{"segfault", "volatile int* p = nullptr; *p = 1;", "segmentation"},
                   Kind{"abort", "std::abort();", "abort()"},
                   Kind{"stack", "deep(1);", "segmentation"},
                   Kind{"throw", "throw 42;", "(of type int)"},
                   Kind{"exit", "std::exit(3);", "called exit()"}}) {
        for (std::string where : {"script", "custom"}) {
            if (where == "custom" && std::string(k.name) == "throw") k.message = "not a std::exception";
            if (where == "custom" && std::string(k.name) == "stack") k.message = "SIGSEGV";
            INFO(k.name << " in the " << where);
            fs::path m = dir / fmt::format("{}_{}.cpp", where, k.name);
            write_text(m, faulty_script(where, k.statement));
            CliResult r = run_cli({"run", m.string(), "--cache-dir", cache});
            INFO(r.output);
            CHECK(r.exit_code == 1);
            CHECK_THAT(r.output, Contains(k.message));
            // The faulting statement is line 10 (the recursion of deep() is line
            // 7); in a custom operation the error may name the line that made
            // the node (9).
            const std::string file = m.filename().string();
            const std::string line = std::string(k.name) == "stack" ? ":7: error" : ":10: error";
            if (where == "script") CHECK_THAT(r.output, Contains(file + line));
            else CHECK_THAT(r.output, Contains(file + line) || Contains(file + ":9: error"));
        }
    }
    CliResult verify = run_cli({"cache", "verify", "--cache-dir", cache});
    INFO(verify.output);
    CHECK(verify.exit_code == 0);
    CHECK_THAT(verify.output, Contains("0 bad entries"));
    CliResult again = run_cli({"run", (dir / "ok.cpp").string(), "--cache-dir", cache, "-v", "--stats=json"});
    CHECK(again.exit_code == 0);
    CHECK(stats_of(again)["disk_hits"] == 1);
}

TEST_CASE("trust: --timeout stops a runaway script or evaluation", "[trust][cli][crash]") {
    TempDir dir("trust-timeout");
    const std::string cache = (dir / "cache").string();
    for (std::string where : {"script", "custom"}) {
        INFO(where);
        fs::path m = dir / (where + ".cpp");
        write_text(m, faulty_script(where, "for (;;) std::this_thread::sleep_for(std::chrono::milliseconds(10));"));
        script::compile(m, {true, cache, {}}); // compiled beforehand: the timeout measures the run
        auto t0 = std::chrono::steady_clock::now();
        CliResult r = run_cli({"run", m.string(), "--cache-dir", cache, "--timeout", "2"});
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        INFO(r.output);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Contains("error: stopped after 2 s (--timeout)"));
        CHECK(s < 30);
    }
    CliResult bad = run_cli({"run", (dir / "script.cpp").string(), "--timeout", "-1"});
    CHECK(bad.exit_code == 2);
}

namespace {

/// A 1 MB tmpfs mounted at `dir` for the life of the object (needs root).
class SmallTmpfs {
public:
    explicit SmallTmpfs(const fs::path& dir) : m_dir(dir) {
        fs::create_directories(dir);
        script::ProcessResult r = script::run_process({"mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.string()});
        m_mounted = r.exit_code == 0;
        m_why = r.output;
    }
    ~SmallTmpfs() {
        if (m_mounted) script::run_process({"umount", m_dir.string()});
    }
    bool mounted() const { return m_mounted; }
    const std::string& why() const { return m_why; }

private:
    fs::path m_dir;
    bool m_mounted = false;
    std::string m_why;
};

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("trust: on a full disk a new script compiles privately and runs, with one warning",
          "[trust][cli][faults]") {
    TempDir dir("trust-full");
    SmallTmpfs disk(dir / "disk");
    if (!disk.mounted()) {
        WARN("full-disk test skipped: cannot mount a tmpfs (" << disk.why() << ")");
        return;
    }
    const fs::path cache = dir / "disk" / "cache";
    fs::create_directories(cache);
    { // fill it
        std::ofstream fill(dir / "disk" / "filler", std::ios::binary);
        std::string block(64 * 1024, 'x');
        for (int i = 0; i < 64 && fill.write(block.data(), std::streamsize(block.size())); ++i) {
        }
    }
    write_text(dir / "m.cpp", honest_script);
    CliResult r = run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache.string(), "-v"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Contains("volume 500 mm3"));
    CHECK(count_of(r.output, "compiled into a private temporary folder") == 1);
    CHECK_THAT(r.output, Contains("No space left on device"));
    // Nothing is left behind in the scripts folder.
    for (const auto& e : fs::directory_iterator(*script::script_folder_path({true, cache.string(), {}})))
        CHECK_FALSE(e.path().filename().string().starts_with(".tmp."));
}

TEST_CASE("trust: cache clear running while models compile and run never makes them fail",
          "[trust][cli][faults][slow]") {
    TempDir dir("trust-clear");
    const std::string cache = (dir / "cache").string();
    constexpr int models = 4, rounds = 2;
    for (int i = 0; i < models; ++i)
        write_text(dir / fmt::format("m{}.cpp", i),
                   fmt::format("#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                               "LAZYCAD_MODEL() {{ display(box(10, 10, {})); }}\n", i + 1));
    std::vector<CliResult> results(models * rounds);
    std::atomic<int> running{models};
    std::vector<std::thread> threads;
    for (int i = 0; i < models; ++i)
        threads.emplace_back([&, i] {
            for (int k = 0; k < rounds; ++k)
                results[i * rounds + k] = run_cli({"run", (dir / fmt::format("m{}.cpp", i)).string(),
                                                   "--cache-dir", cache, "-v", "-j", "1"});
            --running;
        });
    int clears = 0;
    while (running > 0) {
        CliResult c = run_cli({"cache", "clear", "--cache-dir", cache});
        CHECK(c.exit_code == 0);
        ++clears;
    }
    for (std::thread& t : threads) t.join();
    INFO(clears << " clears");
    CHECK(clears >= 2);
    for (int i = 0; i < models * rounds; ++i) {
        INFO("model " << i / rounds << ", round " << i % rounds << ":\n" << results[i].output);
        CHECK(results[i].exit_code == 0);
        CHECK_THAT(results[i].output, Contains(fmt::format("volume {} mm3", 100 * (i / rounds + 1))));
    }
}

TEST_CASE("trust: leftovers of killed compiles go at the next run, and gc evicts old compiled scripts",
          "[trust][cli][faults]") {
    TempDir dir("trust-gc");
    const std::string cache = (dir / "cache").string();
    write_text(dir / "m.cpp", honest_script);
    const std::vector<std::string> run{"run", (dir / "m.cpp").string(), "--cache-dir", cache};
    REQUIRE(run_cli(run).exit_code == 0);
    const fs::path folder = *script::script_folder_path({true, cache, {}});
    auto age = [](const fs::path& p, std::chrono::hours h) {
        fs::last_write_time(p, fs::file_time_type::clock::now() - h);
    };
    auto names = [&] {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(folder)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    };
    // What a compile killed an hour ago leaves, and one still running now.
    write_text(folder / ".tmp.0123456789abcdef" / "out.so", "half an object");
    age(folder / ".tmp.0123456789abcdef", std::chrono::hours(1));
    write_text(folder / ".tmp.fedcba9876543210" / "out.d", "in progress");
    REQUIRE(run_cli(run).exit_code == 0);
    CHECK_FALSE(fs::exists(folder / ".tmp.0123456789abcdef"));
    CHECK(fs::exists(folder / ".tmp.fedcba9876543210"));

    // gc: compiled scripts unused for 30 days go, the one just used stays.
    const std::vector<std::string> before = names();
    fs::path old_object;
    for (const std::string& n : before)
        if (n.ends_with(".so")) old_object = folder / n;
    REQUIRE(!old_object.empty());
    write_text(dir / "other.cpp", std::string(honest_script) + "// another script\n");
    REQUIRE(run_cli({"run", (dir / "other.cpp").string(), "--cache-dir", cache}).exit_code == 0);
    for (const std::string& n : before)
        if (!n.starts_with(".tmp.")) age(folder / n, std::chrono::hours(24 * 30));
    age(folder / ".tmp.fedcba9876543210", std::chrono::hours(1));
    CliResult gc = run_cli({"cache", "gc", "--cache-dir", cache});
    INFO(gc.output);
    CHECK(gc.exit_code == 0);
    CHECK_FALSE(fs::exists(old_object));
    CHECK_FALSE(fs::exists(folder / ".tmp.fedcba9876543210"));
    std::size_t objects = 0;
    for (const std::string& n : names()) objects += n.ends_with(".so");
    CHECK(objects == 1); // other.cpp's
    // The evicted script compiles again and runs.
    CliResult again = run_cli({"run", (dir / "m.cpp").string(), "--cache-dir", cache, "-v"});
    CHECK_THAT(again.output, Contains("script compiled") && Contains("volume 500 mm3"));
}

TEST_CASE("trust: another compiler version means another compiled script", "[trust]") {
    TempDir dir("trust-compiler");
    write_text(dir / "m.cpp", honest_script);
    CacheOptions cache{true, (dir / "cache").string(), {}};
    script::CompiledScript first = script::compile(dir / "m.cpp", cache);
    REQUIRE(script::compile(dir / "m.cpp", cache).from_cache);
    // The remembered `--version` output, as if the same binary now said
    // something else (an upgrade in place keeps no stamp; this keeps the stamp
    // and changes only the version, the harder case).
    fs::path folder = *script::script_folder_path(cache);
    std::size_t ids = 0;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.path().filename().string().starts_with("compiler-")) {
            std::ofstream(e.path(), std::ios::app) << "patched 99.1\n";
            ++ids;
        }
    REQUIRE(ids == 1);
    script::CompiledScript other = script::compile(dir / "m.cpp", cache);
    CHECK_FALSE(other.from_cache);
    CHECK(script::compile(dir / "m.cpp", cache).from_cache);
}

TEST_CASE("trust: a header edited while the compiler runs is not cached with the object", "[trust]") {
    TempDir dir("trust-race");
    write_text(dir / "m.cpp", box_from_header);
    write_text(dir / "dims.hpp", dims(5));
    CacheOptions cache{true, (dir / "cache").string(), {}};
    // A compile takes the better part of a second: the edit lands during it,
    // so the object may hold either height and must not be served as the new one's.
    script::CompiledScript during;
    std::thread compiling([&] { during = script::compile(dir / "m.cpp", cache); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    write_text(dir / "dims.hpp", dims(7));
    compiling.join();
    CHECK_FALSE(during.from_cache);
    script::CompiledScript next = script::compile(dir / "m.cpp", cache);
    CHECK_FALSE(next.from_cache); // compiled again: the first object was a one-off
    ModelResult model = script::run_compiled(next, {});
    REQUIRE(model.shapes.size() == 1);
    CHECK(volume(model.shapes[0].shape, without_cache()) == Approx(700));
    CHECK(script::compile(dir / "m.cpp", cache).from_cache);
}
