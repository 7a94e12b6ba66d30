// The real viewer under Xvfb: open a model, wait for its picture, reload on
// save, keep the last good model on a syntax error; and `lazycad render`.
// Pictures are read back and their pixels counted by colour, so a blank or
// background-only picture fails.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Image_AlienPixMap.hxx>
#include <nlohmann/json.hpp>

#include "lazycad/model.hpp"
#include "process.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using nlohmann::json;

extern char** environ;

namespace {

bool have_xvfb() { return script::run_process({"sh", "-c", "command -v xvfb-run"}).exit_code == 0; }

/// Why the viewer tests cannot run here, or empty.
std::string viewer_unavailable() {
#ifndef LAZYCAD_VIEW
    return "lazycad-view was not built (configure with -DLAZYCAD_BUILD_VIEWER=ON)";
#else
    if (!have_xvfb()) return "xvfb-run is not installed (apt-get install xvfb xauth)";
    return {};
#endif
}

#ifdef LAZYCAD_VIEW
/// xvfb-run's -a probes for a free display from 99 up; two tests starting at
/// once (ctest -j) can pick the same one. Start each process's probe elsewhere.
const std::vector<std::string> xvfb = {"xvfb-run", "-a", "-n", std::to_string(100 + getpid() % 800), "-s",
                                       "-screen 0 1280x1024x24"};
#endif

/// Pixels whose hue matches a colour (shading changes brightness, not hue).
struct ColorRegion {
    std::size_t count = 0;
    int min_x = 1 << 30, min_y = 1 << 30, max_x = -1, max_y = -1;
    int width = 0, height = 0;
    double aspect() const { return double(max_x - min_x + 1) / double(max_y - min_y + 1); }
};

void hue_sat_val(double r, double g, double b, double& h, double& s, double& v) {
    double mx = std::max({r, g, b}), mn = std::min({r, g, b}), d = mx - mn;
    v = mx;
    s = mx > 0 ? d / mx : 0;
    if (d <= 0) h = 0;
    else if (mx == r) h = 60 * std::fmod((g - b) / d + 6, 6);
    else if (mx == g) h = 60 * ((b - r) / d + 2);
    else h = 60 * ((r - g) / d + 4);
}

ColorRegion find_color(const fs::path& png, Color c) {
    Image_AlienPixMap image;
    REQUIRE(image.Load(TCollection_AsciiString(png.c_str())));
    ColorRegion out;
    out.width = int(image.Width());
    out.height = int(image.Height());
    double ch, cs, cv;
    hue_sat_val(c.r, c.g, c.b, ch, cs, cv);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            Quantity_ColorRGBA p = image.PixelColor(x, y);
            double h, s, v;
            hue_sat_val(p.GetRGB().Red(), p.GetRGB().Green(), p.GetRGB().Blue(), h, s, v);
            double dh = std::fabs(h - ch);
            dh = std::min(dh, 360 - dh);
            if (s < 0.35 || v < 0.15 || dh > 18) continue;
            ++out.count;
            out.min_x = std::min(out.min_x, x);
            out.max_x = std::max(out.max_x, x);
            out.min_y = std::min(out.min_y, y);
            out.max_y = std::max(out.max_y, y);
        }
    return out;
}

/// The viewer as a child process in its own process group (xvfb-run, Xvfb and
/// lazycad-view), so the test can stop exactly what it started.
class ViewerProcess {
public:
    ViewerProcess(const std::vector<std::string>& argv, const fs::path& log) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int rc = posix_spawnp(&m_pid, args[0], &actions, &attr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        if (rc != 0) m_pid = -1;
    }
    ~ViewerProcess() {
        if (m_pid > 0 && !m_exit) {
            kill(-m_pid, SIGTERM);
            wait_exit(std::chrono::seconds(10));
            if (!m_exit) kill(-m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    bool started() const { return m_pid > 0; }
    /// The exit code, once it has exited within `timeout`.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout) {
        auto end = std::chrono::steady_clock::now() + timeout;
        while (!m_exit) {
            int status = 0;
            pid_t r = waitpid(m_pid, &status, WNOHANG);
            if (r == m_pid) m_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            else if (std::chrono::steady_clock::now() > end) break;
            else std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return m_exit;
    }

private:
    pid_t m_pid = -1;
    std::optional<int> m_exit;
};

std::vector<json> read_status(const fs::path& file) {
    std::vector<json> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(json::parse(line));
    return lines;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Wait until the status file holds `n` lines (or the viewer died).
std::vector<json> wait_for_runs(ViewerProcess& viewer, const fs::path& status, std::size_t n,
                                const fs::path& log) {
    auto end = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (std::chrono::steady_clock::now() < end) {
        std::vector<json> lines = read_status(status);
        if (lines.size() >= n) return lines;
        if (viewer.wait_exit(std::chrono::milliseconds(0))) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    INFO("viewer log:\n" << read_all(log));
    FAIL("the viewer did not report run " << n);
    return {};
}

/// Save like an editor that writes a new file and renames it over the old one.
void save_like_editor(const fs::path& p, const std::string& text) {
    fs::path tmp = p.parent_path() / (".#" + p.filename().string() + ".tmp");
    write_text(tmp, text);
    fs::rename(tmp, p);
}

std::string two_part_model(double post_radius, bool syntax_error = false) {
    // Line numbers matter: the syntax error is on line 9.
    return "#include <lazycad/lazycad.hpp>\n"                                          // 1
           "using namespace lazycad;\n"                                                // 2
           "\n"                                                                        // 3
           "LAZYCAD_MODEL() {\n"                                                       // 4
           "    Shape plate = box(40, 30, 10) - cylinder(4, 10).right(12).forw(15);\n" // 5
           "    display(plate, color::red);\n"                                         // 6
           "    Shape post = cylinder(" + std::to_string(post_radius) + ", 20).right(75).forw(15);\n" // 7
           "    display(post, color::blue);\n"                                         // 8
           + std::string(syntax_error ? "    double oops = \n" : "\n") +               // 9
           "}\n";                                                                      // 10
}

std::string fmt_line(int edit, std::int64_t total, std::int64_t until_start, double compile, double eval,
                     double mesh, std::int64_t display, int computed, int memory_hits) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%4d  %10lld ms  %13lld ms  %5.0f ms  %4.0f ms  %3.0f ms  %4lld ms  %8d  %11d\n", edit,
                  (long long)total, (long long)until_start, compile, eval, mesh, (long long)display, computed,
                  memory_hits);
    return buf;
}

} // namespace

TEST_CASE("viewer: shows the model, reloads on save, keeps the last good model on an error",
          "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer");
    fs::path model = dir / "model.cpp", status = dir / "status.jsonl", shot = dir / "shot.png";
    write_text(model, two_part_model(5));
    std::vector<std::string> argv = xvfb;
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--cache-dir"),
                          (dir / "cache").string(), std::string("--status-file"), status.string(),
                          std::string("--screenshot"), shot.string(), std::string("--keep-running"),
                          std::string("--exit-after-runs"), std::string("3"), std::string("--exit-after-ms"),
                          std::string("600000"), std::string("--size"), std::string("900x700"),
                          std::string("--export"), (dir / "exported.step").string()})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());

    // 1. First run: everything computed, the picture shows both shapes in colour.
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    INFO("run 1: " << runs[0].dump());
    REQUIRE(runs[0]["ok"] == true);
    CHECK(runs[0]["shapes"] == 2);
    CHECK(runs[0]["computed"].get<int>() == runs[0]["nodes"].get<int>());
    CHECK(runs[0]["memory_hits"] == 0);
    const double plate_volume = 40.0 * 30 * 10 - M_PI * 16 * 10;
    CHECK(runs[0]["volumes"][0].get<double>() == Approx(plate_volume).epsilon(1e-6));
    CHECK(runs[0]["volumes"][1].get<double>() == Approx(M_PI * 25 * 20).epsilon(1e-6));
    REQUIRE(runs[0]["screenshot"] == shot.string());
    ColorRegion red1 = find_color(shot, color::red), blue1 = find_color(shot, color::blue);
    const double pixels = double(red1.width) * red1.height;
    CHECK(red1.count > 0.02 * pixels);
    CHECK(blue1.count > 0.005 * pixels);
    if (const char* keep = std::getenv("LAZYCAD_KEEP_SCREENSHOTS")) fs::copy_file(shot, fs::path(keep) / "viewer-1.png", fs::copy_options::overwrite_existing);
    // File > Export's code path, driven by --export.
    CHECK(runs[0]["export_error"] == "");
    REQUIRE(fs::exists(dir / "exported.step"));
    CHECK(read_all(dir / "exported.step").starts_with("ISO-10303-21;"));
    CHECK(fs::file_size(dir / "exported.step") > 1000);

    // 2. A saved edit: only the post's nodes are computed, the plate comes
    //    from memory; the new picture shows a fatter post, the camera stayed.
    save_like_editor(model, two_part_model(8));
    runs = wait_for_runs(viewer, status, 2, dir / "viewer.log");
    INFO("run 2: " << runs[1].dump());
    REQUIRE(runs[1]["ok"] == true);
    CHECK(runs[1]["computed"] == 4); // cylinder, right, forw, and the post's mesh
    CHECK(runs[1]["meshed"] == 1);
    CHECK(runs[1]["memory_hits"].get<int>() >= 1);
    CHECK(runs[1]["disk_hits"] == 0);
    CHECK(runs[1]["volumes"][0].get<double>() == Approx(plate_volume).epsilon(1e-6));
    CHECK(runs[1]["volumes"][1].get<double>() == Approx(M_PI * 64 * 20).epsilon(1e-6));
    ColorRegion red2 = find_color(shot, color::red), blue2 = find_color(shot, color::blue);
    CHECK(double(blue2.count) > 1.3 * double(blue1.count));
    CHECK(double(red2.count) == Approx(double(red1.count)).epsilon(0.03)); // camera did not move
    if (const char* keep = std::getenv("LAZYCAD_KEEP_SCREENSHOTS")) fs::copy_file(shot, fs::path(keep) / "viewer-2.png", fs::copy_options::overwrite_existing);

    // 3. A syntax error: the panel shows file:line, the last good model stays.
    save_like_editor(model, two_part_model(8, true));
    runs = wait_for_runs(viewer, status, 3, dir / "viewer.log");
    INFO("run 3: " << runs[2].dump());
    CHECK(runs[2]["ok"] == false);
    CHECK(runs[2]["compile_error"] == true);
    std::string panel = runs[2]["problems_panel"];
    CHECK_THAT(panel, Catch::Contains("model.cpp:10:") || Catch::Contains("model.cpp:9:"));
    CHECK_THAT(panel, Catch::Contains("error"));
    ColorRegion red3 = find_color(shot, color::red), blue3 = find_color(shot, color::blue);
    CHECK(double(red3.count) == Approx(double(red2.count)).epsilon(0.02));
    CHECK(double(blue3.count) == Approx(double(blue2.count)).epsilon(0.02));
    if (const char* keep = std::getenv("LAZYCAD_KEEP_SCREENSHOTS")) fs::copy_file(shot, fs::path(keep) / "viewer-3.png", fs::copy_options::overwrite_existing);

    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

TEST_CASE("viewer: lazycad render draws a box in its colour and proportions", "[viewer]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("render");
    fs::path model = dir / "box.cpp", png = dir / "box.png";
    write_text(model, "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                      "LAZYCAD_MODEL() { display(box(40, 20, 10), color::yellow); }\n");

    SECTION("top view: a yellow rectangle twice as wide as high") {
        std::vector<std::string> argv = xvfb;
        for (std::string a : {std::string(LAZYCAD_CLI), std::string("render"), model.string(), std::string("-o"),
                              png.string(), std::string("--size"), std::string("400x300"), std::string("--view"),
                              std::string("top"), std::string("--cache-dir"), (dir / "cache").string()})
            argv.push_back(a);
        script::ProcessResult r = script::run_process(argv);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        ColorRegion yellow = find_color(png, color::yellow);
        CHECK(yellow.width == 400);
        CHECK(yellow.height == 300);
        // Fitted with a 5% margin: the box fills most of the width.
        CHECK(yellow.count > 0.25 * 400 * 300);
        CHECK(yellow.aspect() == Approx(2.0).epsilon(0.08));
        CHECK(yellow.min_x > 0);
        CHECK(yellow.max_x < 399);
        if (const char* keep = std::getenv("LAZYCAD_KEEP_SCREENSHOTS")) fs::copy_file(png, fs::path(keep) / "render-top.png", fs::copy_options::overwrite_existing);
    }
    SECTION("iso view: the box is shown, surrounded by background") {
        std::vector<std::string> argv = xvfb;
        for (std::string a : {std::string(LAZYCAD_CLI), std::string("render"), model.string(), std::string("-o"),
                              png.string(), std::string("--cache-dir"), (dir / "cache").string()})
            argv.push_back(a);
        script::ProcessResult r = script::run_process(argv);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
        ColorRegion yellow = find_color(png, color::yellow);
        CHECK(yellow.width == 1024);
        CHECK(yellow.count > 0.1 * 1024 * 768);
        CHECK(yellow.count < 0.9 * 1024 * 768);
        if (const char* keep = std::getenv("LAZYCAD_KEEP_SCREENSHOTS")) fs::copy_file(png, fs::path(keep) / "render-iso.png", fs::copy_options::overwrite_existing);
    }
    SECTION("without a display it says how to get one") {
        script::ProcessResult r = script::run_process(
            {"env", "-u", "DISPLAY", LAZYCAD_CLI, "render", model.string(), "-o", png.string()});
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.output, Catch::Contains("xvfb-run"));
        CHECK_FALSE(fs::exists(png));
    }
#endif
}

TEST_CASE("viewer: Cancel stops a long evaluation", "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    // 400 holes in one n-ary union and a cut: many seconds of booleans here
    // (`lazycad run` computes it in about 4.5 s here), so a cancel 300 ms in
    // must cut it short.
    TempDir dir("cancel");
    fs::path model = dir / "holes.cpp", status = dir / "status.jsonl";
    write_text(model, "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                      "LAZYCAD_MODEL() {\n"
                      "    std::vector<Shape> holes;\n"
                      "    for (int i = 0; i < 20; ++i)\n"
                      "        for (int j = 0; j < 20; ++j)\n"
                      "            holes.push_back(cylinder(2.1, 12).right(5 + i * 10.0).forw(5 + j * 10.0).down(1));\n"
                      "    display(box(200, 200, 10) - union_all(holes));\n"
                      "}\n");
    std::vector<std::string> argv = xvfb;
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--no-cache"),
                          std::string("--status-file"), status.string(), std::string("--cancel-after-ms"),
                          std::string("300"), std::string("--exit-after-runs"), std::string("1")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    INFO("run 1: " << runs[0].dump());
    CHECK(runs[0]["cancelled"] == true);
    CHECK(runs[0]["ok"] == false);
    CHECK(runs[0]["shapes"] == 0);
    // Stopped inside the boolean, not after it.
    CHECK(runs[0]["eval_ms"].get<double>() < 3000);
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

// Not a test (hidden tag): the edit-to-new-picture latency of a cached model
// whose one leaf parameter changes, measured from the moment the file is
// saved to the moment the viewer's frame with the new shape was swapped.
//   build/bin/lazycad_tests "[viewer-latency]" -s
// (with LAZYCAD_LATENCY_BIN=PREFIX/bin/lazycad: the save cases from an installed lazycad)
#ifdef LAZYCAD_VIEW
/// Open `source(0)` in the viewer, then save `source(1..edits)` one after the
/// other and print, for each, the time from the save to the new picture.
void measure_edit_latency(const std::function<std::string(int)>& source, int edits) {
    TempDir dir("latency");
    fs::path model = dir / "model.cpp", status = dir / "status.jsonl";
    write_text(model, source(0));
    std::vector<std::string> argv = xvfb;
    // LAZYCAD_LATENCY_BIN: another lazycad, e.g. an installed one (issue 14's
    // target is from an installed lazycad, whose scripts compile against the
    // installed headers and precompiled header).
    const char* other = std::getenv("LAZYCAD_LATENCY_BIN");
    for (std::string a : {std::string(other ? other : LAZYCAD_VIEW), std::string("view"), model.string(),
                          std::string("--cache-dir"), (dir / "cache").string(), std::string("--status-file"),
                          status.string(), std::string("--exit-after-runs"), std::to_string(edits + 1)})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    REQUIRE(runs[0]["ok"] == true);
    std::cout << "first run: " << runs[0]["computed"] << " nodes computed, eval " << runs[0]["eval_ms"]
              << " ms, compile " << runs[0]["compile_ms"] << " ms\n";
    std::cout << "edit  save->picture  watcher+debounce  compile  eval  mesh  display  computed  memory_hits\n";
    for (int i = 1; i <= edits; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        save_like_editor(model, source(i));
        auto saved = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
        runs = wait_for_runs(viewer, status, std::size_t(i + 1), dir / "viewer.log");
        const json& r = runs[std::size_t(i)];
        REQUIRE(r["ok"] == true);
        std::int64_t picture = r["picture_ms"], started = r["started_ms"], result = r["result_ms"];
        std::cout << fmt_line(i, picture - saved, started - saved, r["compile_ms"].get<double>(),
                              r["eval_ms"].get<double>(), r["mesh_ms"].get<double>(), picture - result,
                              r["computed"].get<int>(), r["memory_hits"].get<int>());
    }
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
}
#endif

TEST_CASE("viewer: edit-to-picture latency of a cached model (measurement)", "[.][viewer-latency]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    // A plate with 144 holes (one big cut, cached after the first run) and a
    // boss fused on top: the boss radius is the leaf parameter that changes,
    // so each edit recomputes the boss and the final fuse with the holed plate.
    measure_edit_latency(
        [](int edit) {
            return "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                   "LAZYCAD_MODEL() {\n"
                   "    std::vector<Shape> holes;\n"
                   "    for (int i = 0; i < 12; ++i)\n"
                   "        for (int j = 0; j < 12; ++j)\n"
                   "            holes.push_back(cylinder(2.5, 10).right(10 + i * 15.0).forw(10 + j * 15.0));\n"
                   "    Shape plate = box(185, 185, 10) - union_all(holes);\n"
                   "    Shape boss = cylinder(" + std::to_string(12 + edit) + ", 30).right(92.5).forw(92.5).up(5);\n"
                   "    display(plate + boss, color::steel);\n"
                   "}\n";
        },
        5);
#endif
}

TEST_CASE("viewer: edit-to-picture latency of a threaded bolt (measurement)", "[.][viewer-latency]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    // models/bolt.cpp with its head height edited: the thread comes from the
    // cache, the head and the final union are recomputed.
    const std::string bolt = read_all(fs::path(LAZYCAD_SOURCE_DIR) / "models/bolt.cpp");
    const std::string from = "param(\"head_height\", hex.head_height)";
    REQUIRE(bolt.find(from) != std::string::npos);
    measure_edit_latency(
        [&](int edit) {
            std::string text = bolt;
            return text.replace(text.find(from), from.size(),
                                "param(\"head_height\", " + std::to_string(5.0 + 0.2 * edit) + ")");
        },
        5);
#endif
}

namespace {

/// overlay_color in viewer/scene.hpp: a tree node drawn over the model.
constexpr Color viewer_overlay_color{0.85, 0.10, 0.80};

std::string block_and_post(double post_radius) {
    return "#include <lazycad/lazycad.hpp>\n"
           "using namespace lazycad;\n"
           "LAZYCAD_MODEL() {\n"
           "    double h = param(\"height\", 10.0);\n"
           "    display(box(40, 30, h).named(\"block\"), color::red);\n"
           "    display(cylinder(" + std::to_string(post_radius) + ", 20).right(75).forw(15).named(\"post\"), color::blue);\n"
           "}\n";
}

/// For each row y0..y1 of `png`: the widest gap between two runs of colour
/// `c`, and where the run left of that gap ends.
struct RowGap {
    int gap = 0;
    int left_end = -1;
};
std::vector<RowGap> color_gaps(const fs::path& png, Color c, int y0, int y1) {
    Image_AlienPixMap image;
    REQUIRE(image.Load(TCollection_AsciiString(png.c_str())));
    double ch, cs, cv;
    hue_sat_val(c.r, c.g, c.b, ch, cs, cv);
    std::vector<RowGap> rows;
    for (int y = y0; y <= y1; ++y) {
        RowGap r;
        int last_hit = -1;
        for (int x = 0; x < int(image.Width()); ++x) {
            Quantity_ColorRGBA p = image.PixelColor(x, y);
            double h, s, v;
            hue_sat_val(p.GetRGB().Red(), p.GetRGB().Green(), p.GetRGB().Blue(), h, s, v);
            double dh = std::fabs(h - ch);
            if (s < 0.35 || v < 0.15 || std::min(dh, 360 - dh) > 18) continue;
            if (last_hit >= 0 && x - last_hit - 1 > r.gap) {
                r.gap = x - last_hit - 1;
                r.left_end = last_hit;
            }
            last_hit = x;
        }
        rows.push_back(r);
    }
    return rows;
}

} // namespace

TEST_CASE("viewer: parameters panel, parts list, lazy-tree node and measure", "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer-inspect");
    fs::path model = dir / "model.cpp", status = dir / "status.jsonl", shots = dir / "shot-{n}.png";
    write_text(model, block_and_post(5));
    std::vector<std::string> argv = xvfb;
    for (std::string a :
         {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--cache-dir"),
          (dir / "cache").string(), std::string("--status-file"), status.string(), std::string("--screenshot"),
          shots.string(), std::string("--keep-running"), std::string("--size"), std::string("900x700"),
          std::string("--exit-after-runs"), std::string("8"), std::string("--exit-after-ms"), std::string("600000"),
          // Each step acts on a widget after the previous picture.
          std::string("--test-step"), std::string("param height=25"), std::string("--test-step"),
          std::string("hide 2"), std::string("--test-step"), std::string("tree 3"), std::string("--test-step"),
          std::string("measure-faces 1 2"), std::string("--test-step"), std::string("wait"),
          std::string("--test-step"), std::string("reset height"), std::string("--test-step"),
          std::string("transparency 1 0.7")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    const fs::path log = dir / "viewer.log";
    // Picture N's file: the next step draws picture N + 1 at once.
    auto shot_of = [](const json& run) { return fs::path(run["screenshot"].get<std::string>()); };
    fs::path shot;
    auto keep = [&](const char* name) {
        if (const char* k = std::getenv("LAZYCAD_KEEP_SCREENSHOTS"))
            fs::copy_file(shot, fs::path(k) / name, fs::copy_options::overwrite_existing);
    };

    // 1. The first run compiles once; the panel lists the parameter.
    std::vector<json> runs = wait_for_runs(viewer, status, 1, log);
    INFO("picture 1: " << runs[0].dump());
    shot = shot_of(runs[0]);
    REQUIRE(runs[0]["ok"] == true);
    CHECK(runs[0]["compiles"] == 1);
    CHECK(runs[0]["params"]["height"] == "10");
    CHECK(runs[0]["volumes"][0].get<double>() == Approx(40.0 * 30 * 10).epsilon(1e-9));
    ColorRegion red1 = find_color(shot, color::red), blue1 = find_color(shot, color::blue);
    CHECK(blue1.count > 200);

    // 2. height = 25 in the panel: the loaded script runs again, nothing is
    //    compiled, the block is taller in the picture.
    runs = wait_for_runs(viewer, status, 2, log);
    INFO("picture 2: " << runs[1].dump());
    shot = shot_of(runs[1]);
    REQUIRE(runs[1]["ok"] == true);
    CHECK(runs[1]["run"] == 2);
    CHECK(runs[1]["compiles"] == 1);
    CHECK(runs[1]["script_from_cache"] == true);
    CHECK(runs[1]["compile_ms"] == 0);
    CHECK(runs[1]["params"]["height"] == "25");
    CHECK(runs[1]["volumes"][0].get<double>() == Approx(40.0 * 30 * 25).epsilon(1e-9));
    CHECK(runs[1]["computed"] == 2); // the box and its mesh; the post comes from memory
    CHECK(runs[1]["meshed"] == 1);
    ColorRegion red2 = find_color(shot, color::red);
    CHECK(double(red2.count) > 1.3 * double(red1.count));
    keep("inspect-2-param.png");

    // 3. The post's check box cleared: it is gone from the picture, the block stays.
    runs = wait_for_runs(viewer, status, 3, log);
    INFO("picture 3: " << runs[2].dump());
    shot = shot_of(runs[2]);
    CHECK(runs[2]["visible"] == json::array({true, false}));
    CHECK(runs[2]["run"] == 2); // no run: a display change only
    ColorRegion red3 = find_color(shot, color::red), blue3 = find_color(shot, color::blue);
    CHECK(blue3.count == 0);
    CHECK(double(red3.count) == Approx(double(red2.count)).epsilon(0.02));
    keep("inspect-3-hidden.png");

    // 4. Tree row 3 (the post's cylinder, before it was moved): that
    //    intermediate shape is evaluated and drawn over the model.
    runs = wait_for_runs(viewer, status, 4, log);
    INFO("picture 4: " << runs[3].dump());
    shot = shot_of(runs[3]);
    CHECK(runs[3]["overlay"] == "cylinder r=5, h=20, center=false");
    CHECK(runs[3]["overlay_volume"].get<double>() == Approx(M_PI * 25 * 20).epsilon(1e-6));
    CHECK_THAT(runs[3]["overlay_line"].get<std::string>(), Catch::EndsWith("model.cpp:6")); // made the cylinder
    ColorRegion overlay = find_color(shot, viewer_overlay_color);
    CHECK(overlay.count > 200);
    keep("inspect-4-tree-node.png");

    // 5. Measure: the two faces x = 0 and x = 40 of the block (30 × 25 mm).
    runs = wait_for_runs(viewer, status, 5, log);
    INFO("picture 5: " << runs[4].dump());
    shot = shot_of(runs[4]);
    REQUIRE(runs[4]["distance"].is_number());
    CHECK(std::fabs(runs[4]["distance"].get<double>() - 40.0) < 1e-9);
    CHECK(runs[4]["angle"].get<double>() == Approx(180.0)); // outward normals face away
    std::string panel = runs[4]["measure_panel"];
    CHECK_THAT(panel, Catch::Contains("Face: plane, area 750 mm²\nnormal (-1, 0, 0)"));
    CHECK_THAT(panel, Catch::Contains("Distance: 40 mm"));

    // 6. A source save recompiles; the panel's value and the hidden part survive it.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    save_like_editor(model, block_and_post(6));
    runs = wait_for_runs(viewer, status, 6, log);
    INFO("picture 6: " << runs[5].dump());
    shot = shot_of(runs[5]);
    REQUIRE(runs[5]["ok"] == true);
    CHECK(runs[5]["compiles"] == 2);
    CHECK(runs[5]["params"]["height"] == "25");
    CHECK(runs[5]["volumes"][0].get<double>() == Approx(40.0 * 30 * 25).epsilon(1e-9));
    CHECK(runs[5]["volumes"][1].get<double>() == Approx(M_PI * 36 * 20).epsilon(1e-9));
    CHECK(runs[5]["visible"] == json::array({true, false}));

    // 7. Reset to default: back to 10, still without compiling.
    runs = wait_for_runs(viewer, status, 7, log);
    INFO("picture 7: " << runs[6].dump());
    shot = shot_of(runs[6]);
    CHECK(runs[6]["compiles"] == 2);
    CHECK(runs[6]["params"]["height"] == "10");
    CHECK(runs[6]["volumes"][0].get<double>() == Approx(40.0 * 30 * 10).epsilon(1e-9));
    ColorRegion red7 = find_color(shot, color::red);

    // 8. The block's transparency slider at 70 %: the background shows
    //    through, far fewer pixels keep the block's red.
    runs = wait_for_runs(viewer, status, 8, log);
    INFO("picture 8: " << runs[7].dump());
    shot = shot_of(runs[7]);
    CHECK(runs[7]["transparency"] == json::array({0.7, 0.0}));
    ColorRegion red8 = find_color(shot, color::red);
    INFO("red pixels opaque " << red7.count << ", translucent " << red8.count);
    CHECK(double(red8.count) < 0.5 * double(red7.count));
    keep("inspect-8-transparent.png");
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

TEST_CASE("viewer: a capped section through the bolt and nut shows the thread", "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer-section");
    fs::path status = dir / "status.jsonl", shots = dir / "shot-{n}.png";
    std::vector<std::string> argv = xvfb;
    for (std::string a :
         {std::string(LAZYCAD_VIEW), std::string("view"), (fs::path(LAZYCAD_SOURCE_DIR) / "models/bolt_and_nut.cpp").string(),
          std::string("--cache-dir"), (dir / "cache").string(), std::string("--status-file"), status.string(),
          std::string("--screenshot"), shots.string(), std::string("--keep-running"), std::string("--size"),
          std::string("1300x900"), std::string("--view"), std::string("front"), std::string("--exit-after-runs"),
          std::string("2"), std::string("--exit-after-ms"), std::string("600000"), std::string("--test-step"),
          std::string("section y 0.5")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    REQUIRE(runs[0]["ok"] == true);
    fs::path shot = runs[0]["screenshot"].get<std::string>();
    // Uncut, seen from the front: the nut is one brass band across each row.
    ColorRegion nut = find_color(shot, color::brass);
    REQUIRE(nut.count > 1000);
    const int y0 = nut.min_y + 3, y1 = nut.max_y - 3;
    // (The hex's edges split it into faces by a line or two of pixels.)
    std::vector<RowGap> before = color_gaps(shot, color::brass, y0, y1);
    const int wide = (nut.max_x - nut.min_x) / 5; // the bolt's core is about half the nut's width
    int split_before = 0;
    for (const RowGap& r : before) split_before += r.gap > wide;
    CHECK(split_before < int(before.size()) / 10);

    runs = wait_for_runs(viewer, status, 2, dir / "viewer.log");
    INFO("picture 2: " << runs[1].dump());
    CHECK(runs[1]["section_axis"] == "Y");
    shot = runs[1]["screenshot"].get<std::string>();
    if (const char* k = std::getenv("LAZYCAD_KEEP_SCREENSHOTS"))
        fs::copy_file(shot, fs::path(k) / "section.png", fs::copy_options::overwrite_existing);
    // Cut through the axis and capped in the nut's colour: the bolt splits
    // the nut in two, and the nut's inner edge is the thread's saw tooth.
    std::vector<RowGap> after = color_gaps(shot, color::brass, y0, y1);
    int split = 0;
    std::vector<int> edge;
    for (const RowGap& r : after) {
        split += r.gap > wide;
        if (r.gap > wide) edge.push_back(r.left_end);
    }
    INFO("rows " << after.size() << ", split " << split);
    CHECK(split > int(after.size()) * 8 / 10);
    // Teeth: the inner edge moves in and out; count its turns (a straight
    // bore would have none).
    int turns = 0, direction = 0, last = edge.empty() ? 0 : edge[0];
    for (int x : edge) {
        if (std::abs(x - last) < 2) continue;
        int d = x > last ? 1 : -1;
        if (direction != 0 && d != direction) ++turns;
        direction = d;
        last = x;
    }
    INFO("inner edge turns: " << turns);
    // The M10 nut (8.4 mm high, 1.5 mm pitch) holds five to six teeth.
    CHECK(turns >= 6);
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

TEST_CASE("viewer: a warm open loads the meshed shapes from the cache and meshes nothing", "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer-warm");
    fs::path model = dir / "model.cpp";
    write_text(model, two_part_model(5));
    auto open = [&](const std::string& name) {
        fs::path status = dir / (name + ".jsonl"), shot = dir / (name + ".png");
        std::vector<std::string> argv = xvfb;
        for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--cache-dir"),
                              (dir / "cache").string(), std::string("--status-file"), status.string(),
                              std::string("--screenshot"), shot.string(), std::string("--size"),
                              std::string("900x700")})
            argv.push_back(a);
        ViewerProcess viewer(argv, dir / (name + ".log"));
        REQUIRE(viewer.started());
        std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / (name + ".log"));
        CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
        return std::make_pair(runs[0], find_color(shot, color::blue).count);
    };
    auto [cold, cold_blue] = open("cold");
    INFO("cold: " << cold.dump());
    REQUIRE(cold["ok"] == true);
    CHECK(cold["meshed"] == 2);
    auto [warm, warm_blue] = open("warm");
    INFO("warm: " << warm.dump());
    REQUIRE(warm["ok"] == true);
    // Only the two mesh nodes are looked at, found on disk with their triangles.
    CHECK(warm["meshed"] == 0);
    CHECK(warm["computed"] == 0);
    CHECK(warm["disk_hits"] == 2);
    CHECK(warm["volumes"][1].get<double>() == Approx(M_PI * 25 * 20).epsilon(1e-6));
    CHECK(warm_blue > 200);
    CHECK(double(warm_blue) == Approx(double(cold_blue)).epsilon(0.02));
#endif
}

TEST_CASE("viewer: parameter-edit-to-picture latency of models/bolt.cpp (measurement)", "[.][viewer-latency]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    // The Parameters panel's head_height edited seven times: the loaded script
    // runs again (no compile), the thread comes from the cache, the head and
    // the union are recomputed. From the edit to the swapped frame, with the
    // run's phases: the wait for the worker, the script, the evaluation
    // (computing, checking, storing, meshing), the tree, the GUI's display
    // of the result (AIS, panels), and the repaint up to the swapped frame.
    constexpr int edits = 7;
    TempDir dir("param-latency");
    fs::path status = dir / "status.jsonl";
    std::vector<std::string> argv = xvfb;
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"),
                          (fs::path(LAZYCAD_SOURCE_DIR) / "models/bolt.cpp").string(), std::string("--cache-dir"),
                          (dir / "cache").string(), std::string("--status-file"), status.string(),
                          std::string("--exit-after-runs"), std::to_string(edits + 1)})
        argv.push_back(a);
    for (int i = 1; i <= edits; ++i) {
        argv.push_back("--test-step");
        argv.push_back("param head_height=" + std::to_string(5.0 + 0.2 * i));
    }
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, std::size_t(edits + 1), dir / "viewer.log");
    // "volumes": the status line's volumes (--status-file only), not a user's cost.
    // Inside "evaluate": (compute) the operations, (check) validity checks of
    // results, (mesh) meshing; the first summed over the evaluator's threads.
    std::cout << "edit  edit->picture  start  script  evaluate  (compute  check  mesh)  tree  volumes  other  "
                 "display  repaint  computed  memory_hits  compiles\n";
    std::vector<double> latencies, without_volumes;
    for (int i = 1; i <= edits; ++i) {
        const json& r = runs[std::size_t(i)];
        REQUIRE(r["ok"] == true);
        std::int64_t picture = r["picture_ms"], changed = r["changed_ms"], started = r["started_ms"],
                     result = r["result_ms"];
        const double display = r["display_ms"].get<double>(), volumes = r["measure_ms"].get<double>();
        const double script = r["script_ms"].get<double>(), evaluate = r["evaluate_ms"].get<double>(),
                     tree = r["tree_ms"].get<double>();
        latencies.push_back(double(picture - changed));
        without_volumes.push_back(double(picture - changed) - volumes);
        std::printf("%4d  %10lld ms  %5lld  %6.0f  %8.0f  %9.0f  %5.0f  %4.0f  %5.0f  %7.0f  %5.0f  %7.0f  %7.0f  %8d  "
                    "%11d  %8d\n",
                    i, (long long)(picture - changed), (long long)(started - changed), script, evaluate,
                    r["stats_compute_ms"].get<double>() - r["mesh_ms"].get<double>(), r["stats_check_ms"].get<double>(),
                    r["mesh_ms"].get<double>(), tree, volumes,
                    double(result - started) - script - evaluate - tree - volumes, display,
                    double(picture - result) - display, r["computed"].get<int>(), r["memory_hits"].get<int>(),
                    r["compiles"].get<int>());
    }
    std::sort(latencies.begin(), latencies.end());
    std::sort(without_volumes.begin(), without_volumes.end());
    std::printf("edit->picture over %d edits: min %.0f ms, median %.0f ms, max %.0f ms; without the status "
                "line's volumes: min %.0f ms, median %.0f ms\n",
                edits, latencies.front(), latencies[latencies.size() / 2], latencies.back(), without_volumes.front(),
                without_volumes[without_volumes.size() / 2]);
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

TEST_CASE("viewer: the lazy tree fills in as nodes finish, with times; double-click opens $EDITOR at the line",
          "[viewer]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer-tree-editor");
    fs::path model = dir / "model.cpp", status = dir / "status.jsonl", args = dir / "editor-args.txt";
    write_text(model, "#include <lazycad/lazycad.hpp>\n"
                      "using namespace lazycad;\n"
                      "LAZYCAD_MODEL() {\n"
                      "    Shape plate = box(40, 30, 10);\n"
                      "    Shape hole = cylinder(5, 20).right(20).forw(15).down(5);\n"
                      "    display(plate - hole, color::red);\n"
                      "}\n");
    // An "editor" that records how it was called.
    fs::path editor = dir / "editor.sh";
    write_text(editor, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args.string() + ".part'\nmv '" + args.string() +
                           ".part' '" + args.string() + "'\n");
    fs::permissions(editor, fs::perms::owner_all);
    std::vector<std::string> argv = {"env", "-u", "VISUAL", "EDITOR=" + editor.string() + " --wait"};
    argv.insert(argv.end(), xvfb.begin(), xvfb.end());
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--cache-dir"),
                          (dir / "cache").string(), std::string("--status-file"), status.string(),
                          std::string("--test-step"), std::string("lines"), std::string("--test-step"),
                          std::string("open-line 0"), std::string("--exit-after-runs"), std::string("3"),
                          std::string("--exit-after-ms"), std::string("120000")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 3, dir / "viewer.log");
    INFO("first run: " << runs[0].dump());
    REQUIRE(runs[0]["ok"] == true);
    // A cold run: every row was computed, and the rows were marked while the
    // run went on (before its result), each with its compute time.
    const json& tree = runs[0]["tree"];
    REQUIRE(tree.size() == 6); // difference, box, translate x3, cylinder
    CHECK_THAT(tree[0][0].get<std::string>(), Catch::StartsWith("difference"));
    for (const json& row : tree) {
        CHECK(row[1] == "computed");
        CHECK_THAT(row[2].get<std::string>(), Catch::EndsWith(" ms") || Catch::EndsWith(" s"));
    }
    CHECK(runs[0]["tree_live_marks"].get<int>() >= 1);

    // Every row's script line, filled in after the tree (one addr2line for all).
    INFO("with the lines: " << runs[1].dump());
    const json& lined = runs[1]["tree"];
    REQUIRE(lined.size() == 6);
    const char* lines[] = {"model.cpp:6", "model.cpp:4", "model.cpp:5", "model.cpp:5", "model.cpp:5", "model.cpp:5"};
    for (std::size_t i = 0; i < 6; ++i) CHECK_THAT(lined[i][3].get<std::string>(), Catch::EndsWith(lines[i]));

    // Row 0 double-clicked: its line in the Problems panel, and the editor
    // started (detached) as `$EDITOR +LINE FILE`, its own arguments kept.
    INFO("after the double-click: " << runs[2].dump());
    CHECK_THAT(runs[2]["problems_panel"].get<std::string>(), Catch::Contains("model.cpp:6: note: difference"));
    for (int i = 0; i < 100 && !fs::exists(args); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(fs::exists(args));
    CHECK(read_all(args) == "--wait\n+6\n" + fs::absolute(model).string() + "\n");
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}

TEST_CASE("viewer: File > Quit (Ctrl+Q) leaves at once during a long evaluation", "[viewer][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    // n = 1: one hole, quick. n = 30: 900 holes in one union and a cut, many
    // seconds (the Cancel test's model, which takes 4.5 s with 400). Quit
    // 300 ms into that run.
    TempDir dir("quit");
    fs::path model = dir / "holes.cpp", status = dir / "status.jsonl";
    write_text(model, "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                      "LAZYCAD_MODEL() {\n"
                      "    int n = param(\"n\", 1);\n"
                      "    std::vector<Shape> holes;\n"
                      "    for (int i = 0; i < n; ++i)\n"
                      "        for (int j = 0; j < n; ++j)\n"
                      "            holes.push_back(cylinder(2.1, 12).right(5 + i * 10.0).forw(5 + j * 10.0).down(1));\n"
                      "    display(box(200, 200, 10) - union_all(holes));\n"
                      "}\n");
    std::vector<std::string> argv = xvfb;
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--no-cache"),
                          std::string("--status-file"), status.string(), std::string("--test-step"),
                          std::string("quit-after-ms 300"), std::string("--test-step"), std::string("param n=30"),
                          std::string("--exit-after-ms"), std::string("120000")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    REQUIRE(runs[0]["ok"] == true);
    auto first_picture = std::chrono::steady_clock::now();
    std::optional<int> code = viewer.wait_exit(std::chrono::seconds(60));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - first_picture).count();
    INFO("left " << seconds << " s after the first picture; log:\n" << read_all(dir / "viewer.log"));
    CHECK(code == std::optional<int>(0));
    CHECK(seconds < 4.0); // Xvfb's teardown included; the n = 30 run alone takes far longer
    CHECK(read_status(status).size() == 1); // the long run never finished
#endif
}

TEST_CASE("viewer: saving a header the model includes reloads it", "[viewer][trust][slow]") {
    if (std::string why = viewer_unavailable(); !why.empty()) {
        WARN("viewer tests skipped: " << why);
        return;
    }
#ifdef LAZYCAD_VIEW
    TempDir dir("viewer-header");
    fs::path model = dir / "model.cpp", header = dir / "dims.hpp", status = dir / "status.jsonl";
    write_text(model, "#include <lazycad/lazycad.hpp>\n#include \"dims.hpp\"\nusing namespace lazycad;\n"
                      "LAZYCAD_MODEL() { display(box(10, 10, height)); }\n");
    write_text(header, "constexpr double height = 5;\n");
    std::vector<std::string> argv = xvfb;
    for (std::string a : {std::string(LAZYCAD_VIEW), std::string("view"), model.string(), std::string("--cache-dir"),
                          (dir / "cache").string(), std::string("--status-file"), status.string(),
                          std::string("--exit-after-runs"), std::string("2"), std::string("--exit-after-ms"),
                          std::string("600000")})
        argv.push_back(a);
    ViewerProcess viewer(argv, dir / "viewer.log");
    REQUIRE(viewer.started());
    std::vector<json> runs = wait_for_runs(viewer, status, 1, dir / "viewer.log");
    INFO("run 1: " << runs[0].dump());
    REQUIRE(runs[0]["ok"] == true);
    CHECK(runs[0]["volumes"][0].get<double>() == Approx(500).epsilon(1e-9));
    save_like_editor(header, "constexpr double height = 7;\n");
    runs = wait_for_runs(viewer, status, 2, dir / "viewer.log");
    INFO("run 2: " << runs[1].dump());
    REQUIRE(runs[1]["ok"] == true);
    CHECK(runs[1]["volumes"][0].get<double>() == Approx(700).epsilon(1e-9));
    CHECK(viewer.wait_exit(std::chrono::seconds(30)) == std::optional<int>(0));
#endif
}
