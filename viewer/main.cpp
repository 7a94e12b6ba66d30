// lazycad-view: `lazycad view` (the Qt window, reloading on save) and
// `lazycad render` (the same scene off-screen to a PNG). The `lazycad` CLI
// execs this program with the subcommand as first argument.
// Exit codes: 0 success, 1 model error or no display, 2 usage error,
// 3 --exit-after-ms ran out.

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>

#include <CLI/CLI.hpp>
#include <QApplication>
#include <QSettings>
#include <QSurfaceFormat>

#include "main_window.hpp"
#include "model_options.hpp"
#include "render.hpp"
#include "scene.hpp"

using namespace lazycad::viewer;

namespace {

struct RawOptions {
    std::vector<std::string> defines;
    std::string cache_dir;
    bool no_cache = false;
    std::string size;
};

void add_common(CLI::App& app, ViewerOptions& o, RawOptions& raw, bool model_required) {
    CLI::Option* model = app.add_option("model", o.model, model_required ? "Model script (.cpp)"
                                                                         : "Model script (.cpp); default: the last one opened")
                             ->check(lazycad::script::model_script_check());
    if (model_required) model->required();
    app.add_option("-D,--define", raw.defines, "Override a script parameter: -D name=value");
    app.add_option("--cache-dir", raw.cache_dir, "Cache folder (default: $LAZYCAD_CACHE_DIR, "
                                                 "$XDG_CACHE_HOME/lazycad or ~/.cache/lazycad)");
    app.add_flag("--no-cache", raw.no_cache, "Use no directory cache");
    app.add_option("-j,--jobs", o.jobs, "Worker threads (default: number of cores)");
    app.add_flag("-v,--verbose", o.verbose, "Say more");
    app.add_option("--view", o.view, "Initial camera")->check(CLI::IsMember({"iso", "front", "top", "right"}));
    app.add_option("--size", raw.size, "Window or picture size, WxH (e.g. 1024x768)");
}

/// -D and --size into their typed form; throws CLI::ValidationError.
void finish(ViewerOptions& o, const RawOptions& raw) {
    o.overrides = lazycad::script::parse_defines(raw.defines);
    o.cache = {!raw.no_cache, raw.cache_dir, {}}; // the remote: $LAZYCAD_REMOTE_CACHE
    if (!raw.size.empty()) {
        std::smatch m;
        if (!std::regex_match(raw.size, m, std::regex(R"((\d{1,5})x(\d{1,5}))")))
            throw CLI::ValidationError("--size", "expects WxH, got '" + raw.size + "'");
        o.width = std::stoi(m[1]);
        o.height = std::stoi(m[2]);
        if (o.width < 16 || o.height < 16 || o.width > 16384 || o.height > 16384)
            throw CLI::ValidationError("--size", "must be between 16x16 and 16384x16384");
    }
}

int view_main(const ViewerOptions& options, const char* argv0) {
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0') {
        std::cerr << "lazycad view: needs an X display (DISPLAY is not set); without one, use "
                     "`lazycad render` or run under `xvfb-run -a`\n";
        return 1;
    }
    // OCCT 7.6's OpenGL driver speaks GLX only: Qt must use X11 (xcb) even on
    // a Wayland desktop, and a desktop OpenGL compatibility context.
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) setenv("QT_QPA_PLATFORM", "xcb", 1);
    QCoreApplication::setAttribute(Qt::AA_UseDesktopOpenGL);
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setProfile(QSurfaceFormat::CompatibilityProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    QSurfaceFormat::setDefaultFormat(format);

    // Qt sees only the program name: our options are not Qt's.
    int qt_argc = 1;
    char* qt_argv[] = {const_cast<char*>(argv0), nullptr};
    QApplication app(qt_argc, qt_argv);
    QApplication::setOrganizationName("lazycad");
    QApplication::setApplicationName("lazycad-view");

    ViewerOptions o = options;
    if (o.model.empty()) {
        o.model = QSettings().value("last_model").toString().toStdString();
        if (o.model.empty() || !std::filesystem::exists(o.model)) {
            std::cerr << "lazycad view: which model? (none given, and no model opened before)\n";
            return 2;
        }
    }
    MainWindow window(o);
    window.show();
    window.start();
    return QApplication::exec();
}

} // namespace

int main(int argc, char** argv) {
    // Started by `lazycad view|render ...`: usage lines say `lazycad view`.
    CLI::App app{"lazycad-view: the lazycad viewer (view) and off-screen renderer (render)", "lazycad"};
    app.require_subcommand(1);
    ViewerOptions o;
    RawOptions raw;

    CLI::App* view = app.add_subcommand("view", "Open the Qt viewer; reloads when the script is saved");
    add_common(*view, o, raw, false);
    view->add_option("--screenshot", o.screenshot,
                     "Save a PNG once the model is shown, then quit (see --keep-running); "
                     "{n} in the name becomes the picture's number");
    view->add_option("--window-screenshot", o.window_screenshot,
                     "With --screenshot: also save the whole window (panels, status bar) here");
    view->add_flag("--keep-running", o.keep_running,
                   "With --screenshot: stay open and overwrite the PNG after every run");
    view->add_option("--status-file", o.status_file, "Append one JSON line per run (for tests)")
        ->group("");
    view->add_option("--export", o.export_path,
                     "Export the first good model here (.step .stl .brep .glb), as File > Export does");
    view->add_option("--cancel-after-ms", o.cancel_after_ms,
                     "Press Cancel this many ms after the first evaluation starts (for tests)")
        ->group("");
    view->add_option("--test-step", o.test_steps,
                     "After each picture, act on a widget as a user would (see options.hpp)")
        ->group("");
    view->add_option("--exit-after-ms", o.exit_after_ms, "Quit after this many milliseconds (exit code 3)")
        ->group("");
    view->add_option("--exit-after-runs", o.exit_after_runs, "Quit once this many runs have been shown")
        ->group("");

    CLI::App* render = app.add_subcommand("render", "Render a model off-screen to a PNG (needs an X display)");
    add_common(*render, o, raw, true);
    render->add_option("-o,--output", o.output, "Output picture (.png)")->required();

    try {
        app.parse(argc, argv);
        finish(o, raw);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (*render) return render_main(o);
    return view_main(o, argv[0]);
}
