// lazycad-view: `lazycad view`, the Qt window, reloading on save. The
// `lazycad` CLI execs this program with `view` as first argument (`lazycad
// render` is lazycad-render, which starts without Qt).
// Exit codes: 0 success, 1 model error or no display, 2 usage error,
// 3 --exit-after-ms ran out.

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <QApplication>
#include <QSettings>
#include <QSurfaceFormat>

#include "command_line.hpp"
#include "main_window.hpp"

using namespace lazycad::viewer;

namespace {

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
    // Started by `lazycad view ...`: usage lines say `lazycad view`.
    CLI::App app{"lazycad-view: the lazycad viewer", "lazycad"};
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

    try {
        app.parse(argc, argv);
        finish(o, raw);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    return view_main(o, argv[0]);
}
