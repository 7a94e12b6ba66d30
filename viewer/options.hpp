#pragma once
// Command-line options of lazycad-view (`lazycad view` and `lazycad render`).

#include <map>
#include <string>
#include <vector>

#include "lazycad/evaluate.hpp"

namespace lazycad::viewer {

struct ViewerOptions {
    // Common to lazycad's commands.
    std::string model;
    std::map<std::string, std::string> overrides; ///< -D name=value
    CacheOptions cache;
    unsigned jobs = 0;
    bool verbose = false;

    std::string view = "iso"; ///< initial camera: iso, front, top, right
    int width = 0, height = 0; ///< --size WxH (window or picture); 0 = default

    // render
    std::string output; ///< -o out.png

    // view: hooks for tests and measurements
    std::string screenshot;   ///< save a PNG after each run's picture
    std::string window_screenshot; ///< also save the whole window (docs, reviews)
    bool keep_running = false; ///< with --screenshot: do not quit after the first picture
    int exit_after_ms = 0;     ///< quit after this long (a safety net for tests)
    int exit_after_runs = 0;   ///< quit after this many runs have been shown
    std::string status_file;   ///< append one JSON line per run
    std::string export_path;  ///< export the first good model here (as the File menu does)
    int cancel_after_ms = 0;   ///< press Cancel this long into the first evaluation
    /// Driven through the widgets after each picture, one per picture (tests):
    /// "param NAME=VALUE", "reset NAME", "hide N", "isolate N", "show-all",
    /// "tree ROW", "measure-faces I J" (faces of the first part, as
    /// TopExp::MapShapes numbers them), "section x|y|z FRACTION [flip]",
    /// "wait" (nothing: the next picture comes from elsewhere, a save),
    /// "quit-after-ms N" (File > Quit in N ms; the next step follows at once),
    /// "style edges|shaded|wireframe" (the View menu's display styles),
    /// "transparency N T" (part N's slider to T, 0..0.9).
    std::vector<std::string> test_steps;
};

} // namespace lazycad::viewer
