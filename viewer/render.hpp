#pragma once
// `lazycad render MODEL -o out.png`: the viewer's scene drawn off-screen.

#include "options.hpp"

namespace lazycad::viewer {

/// Run the model and write the picture. Needs an X display (OCCT 7.6's OpenGL
/// driver is GLX-only): under no display, run it inside `xvfb-run -a`.
/// Returns the exit code: 0 written, 1 model error or no display/OpenGL.
int render_main(const ViewerOptions& options);

} // namespace lazycad::viewer
