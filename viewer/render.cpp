#include "render.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>

#include <Aspect_DisplayConnection.hxx>
#include <Image_AlienPixMap.hxx>
#include <Standard_Failure.hxx>
#include <V3d_ImageDumpOptions.hxx>
#include <Xw_Window.hxx>

#include <fmt/format.h>

#include "gl_bridge.hpp"
#include "model_job.hpp"
#include "scene.hpp"

namespace lazycad::viewer {

namespace {
using Clock = std::chrono::steady_clock;
double ms_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}
} // namespace

int render_main(const ViewerOptions& options) {
    const Clock::time_point t_start = Clock::now();
    const int width = options.width > 0 ? options.width : 1024;
    const int height = options.height > 0 ? options.height : 768;
    const StandardView which = parse_view(options.view).value_or(StandardView::iso);
    const char* display_name = std::getenv("DISPLAY");
    if (display_name == nullptr || *display_name == '\0') {
        std::cerr << "lazycad render: needs an X display (OCCT's OpenGL driver uses GLX); "
                     "run it as: xvfb-run -a lazycad render ...\n";
        return 1;
    }

    JobRequest request;
    request.model = options.model;
    request.overrides = options.overrides;
    request.cache = options.cache;
    request.jobs = options.jobs;
    request.tree = false; // the dock's; a picture has no use for it
    JobResult r = run_model_job(request, {}, nullptr);
    const Clock::time_point t_ran = Clock::now();
    Clock::time_point t_gl, t_shown, t_drawn, t_saved;
    if (!r.ok) {
        std::cerr << r.error << (r.error.ends_with("\n") ? "" : "\n");
        std::cerr << (r.compile_error ? "lazycad render: the script did not compile\n"
                                      : "lazycad render: the model failed\n");
        return 1;
    }

    try {
        Handle(Aspect_DisplayConnection) display = new Aspect_DisplayConnection();
        Handle(V3d_Viewer) viewer = make_viewer(gl::make_offscreen_driver(display));
        Handle(AIS_InteractiveContext) context = make_context(viewer);
        Handle(V3d_View) view = viewer->CreateView();
        // A view redraws itself after every camera change by default
        // (SetProj, FitAll): each such frame cost as much as the picture,
        // which is drawn once, by ToPixMap.
        view->SetImmediateUpdate(false);
        // A window that is never mapped: OCCT draws into an off-screen buffer.
        Handle(Xw_Window) window = new Xw_Window(display, "lazycad render", 0, 0, width, height);
        window->SetVirtual(true);
        view->SetWindow(window);
        t_gl = Clock::now();
        style_view(view, true);
        SceneShapes shapes;
        shapes.replace(context, r.shapes);
        shapes.set_view(view, which);
        t_shown = Clock::now();

        Image_AlienPixMap image;
        V3d_ImageDumpOptions dump;
        dump.Width = width;
        dump.Height = height;
        dump.BufferType = Graphic3d_BT_RGB;
        if (!view->ToPixMap(image, dump)) {
            std::cerr << "lazycad render: OpenGL could not draw the picture\n";
            return 1;
        }
        t_drawn = Clock::now();
        if (!image.Save(TCollection_AsciiString(options.output.c_str()))) {
            std::cerr << "lazycad render: cannot write " << options.output << "\n";
            return 1;
        }
        t_saved = Clock::now();
        context->RemoveAll(false);
        view->Remove();
    } catch (const Standard_Failure& e) {
        std::cerr << "lazycad render: " << e.GetMessageString() << "\n";
        return 1;
    }
    std::cerr << fmt::format("lazycad: wrote {} ({}x{}, {} shape(s)); {}\n", options.output, width,
                             height, r.shapes.size(), r.stats.summary());
    if (options.verbose)
        std::cerr << fmt::format("lazycad render: run {:.0f} ms, OpenGL set-up {:.0f} ms, display {:.0f} ms, "
                                 "draw {:.0f} ms, write {:.0f} ms\n",
                                 ms_between(t_start, t_ran), ms_between(t_ran, t_gl), ms_between(t_gl, t_shown),
                                 ms_between(t_shown, t_drawn), ms_between(t_drawn, t_saved));
    return 0;
}

} // namespace lazycad::viewer
