// lazycad-render: `lazycad render MODEL -o out.png`, the viewer's scene drawn
// off-screen. A program of its own, without Qt: Qt's libraries, its platform
// plugin and QApplication cost a render start-up time and do not draw a pixel
// (OCCT draws into its own off-screen buffer). The `lazycad` CLI execs it
// with the arguments after `render`.
// Exit codes: 0 written, 1 model error or no display, 2 usage error.

#include <CLI/CLI.hpp>

#include "command_line.hpp"
#include "render.hpp"

using namespace lazycad::viewer;

int main(int argc, char** argv) {
    CLI::App app{"Render a model off-screen to a PNG (needs an X display)", "lazycad render"};
    ViewerOptions o;
    RawOptions raw;
    add_common(app, o, raw, true);
    app.add_option("-o,--output", o.output, "Output picture (.png)")->required();
    try {
        app.parse(argc, argv);
        finish(o, raw);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    return render_main(o);
}
