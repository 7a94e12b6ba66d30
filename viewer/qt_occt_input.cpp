#include "qt_occt_input.hpp"

#include <Aspect_ScrollDelta.hxx>
#include <Aspect_Window.hxx>

namespace lazycad::viewer::input {

namespace {

/// Qt gives logical pixels; OCCT works in the framebuffer's (backing) pixels.
Graphic3d_Vec2i to_backing(const Handle(V3d_View)& view, QPointF p) {
    Graphic3d_Vec2d d = view->Window()->ConvertPointToBacking(Graphic3d_Vec2d(p.x(), p.y()));
    return Graphic3d_Vec2i(d + Graphic3d_Vec2d(0.5));
}

} // namespace

Aspect_VKeyMouse mouse_buttons(Qt::MouseButtons buttons) {
    Aspect_VKeyMouse out = Aspect_VKeyMouse_NONE;
    if (buttons & Qt::LeftButton) out |= Aspect_VKeyMouse_LeftButton;
    if (buttons & Qt::MiddleButton) out |= Aspect_VKeyMouse_MiddleButton;
    if (buttons & Qt::RightButton) out |= Aspect_VKeyMouse_RightButton;
    return out;
}

Aspect_VKeyFlags modifiers(Qt::KeyboardModifiers mods) {
    Aspect_VKeyFlags out = Aspect_VKeyFlags_NONE;
    if (mods & Qt::ShiftModifier) out |= Aspect_VKeyFlags_SHIFT;
    if (mods & Qt::ControlModifier) out |= Aspect_VKeyFlags_CTRL;
    if (mods & Qt::AltModifier) out |= Aspect_VKeyFlags_ALT;
    if (mods & Qt::MetaModifier) out |= Aspect_VKeyFlags_META;
    return out;
}

bool handle_mouse(Aspect_WindowInputListener& listener, const Handle(V3d_View)& view,
                  const QMouseEvent* event) {
    if (view.IsNull() || view->Window().IsNull()) return false;
    Graphic3d_Vec2i p = to_backing(view, event->position());
    Aspect_VKeyMouse buttons = mouse_buttons(event->buttons());
    Aspect_VKeyFlags flags = modifiers(event->modifiers());
    if (event->type() == QEvent::MouseMove)
        return listener.UpdateMousePosition(p, buttons, flags, false);
    return listener.UpdateMouseButtons(p, buttons, flags, false);
}

bool handle_wheel(Aspect_WindowInputListener& listener, const Handle(V3d_View)& view,
                  const QWheelEvent* event) {
    if (view.IsNull() || view->Window().IsNull()) return false;
    Graphic3d_Vec2i p = to_backing(view, event->position());
    return listener.UpdateMouseScroll(Aspect_ScrollDelta(p, event->angleDelta().y() / 120.0));
}

} // namespace lazycad::viewer::input
