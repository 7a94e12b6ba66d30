#pragma once
// OCCT's side of sharing Qt's OpenGL context: a driver that lets Qt swap, a
// window wrapper around the context Qt made current, and Qt's framebuffer
// object as OCCT's default target. Kept apart from Qt headers because OCCT's
// and Qt's OpenGL headers declare the same symbols differently.

#include <Aspect_DisplayConnection.hxx>
#include <Graphic3d_GraphicDriver.hxx>
#include <Graphic3d_Vec2.hxx>
#include <V3d_View.hxx>

namespace lazycad::viewer::gl {

/// An OpenGL driver for a view drawn inside Qt's context and framebuffer:
/// Qt swaps buffers; OCCT never writes alpha and always draws off-screen.
Handle(Graphic3d_GraphicDriver) make_embedded_driver(const Handle(Aspect_DisplayConnection)& display,
                                                     bool compatible_profile);

/// A driver that owns its context, for off-screen rendering (`render`).
Handle(Graphic3d_GraphicDriver) make_offscreen_driver(const Handle(Aspect_DisplayConnection)& display);

/// Wrap the OpenGL context current on this thread (Qt's) as the view's window.
/// False when OCCT cannot use the context.
bool wrap_current_context(const Handle(V3d_View)& view, Aspect_Drawable native_window,
                          Graphic3d_Vec2i size, double pixel_ratio, bool compatible_profile);

/// Make the framebuffer currently bound (Qt's) the view's final target, and
/// resize the view if it changed. False on failure.
bool wrap_current_framebuffer(const Handle(V3d_View)& view);

/// Qt leaves blending and a program bound; OCCT expects neither.
void reset_state_before_occt(const Handle(V3d_View)& view);
/// Qt expects default pixel alignment and texture unit 0.
void reset_state_after_occt(const Handle(V3d_View)& view);

} // namespace lazycad::viewer::gl
