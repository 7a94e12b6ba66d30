#pragma once
// Qt input events turned into OCCT's AIS_ViewController input, in one place.

#include <QMouseEvent>
#include <QWheelEvent>

#include <Aspect_WindowInputListener.hxx>
#include <V3d_View.hxx>

namespace lazycad::viewer::input {

Aspect_VKeyMouse mouse_buttons(Qt::MouseButtons buttons);
Aspect_VKeyFlags modifiers(Qt::KeyboardModifiers mods);

/// Feed a press, release or move; true when the view needs a redraw.
bool handle_mouse(Aspect_WindowInputListener& listener, const Handle(V3d_View)& view,
                  const QMouseEvent* event);
/// Feed a wheel turn (zoom at the cursor); true when the view needs a redraw.
bool handle_wheel(Aspect_WindowInputListener& listener, const Handle(V3d_View)& view,
                  const QWheelEvent* event);

} // namespace lazycad::viewer::input
