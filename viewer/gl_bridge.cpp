#include "gl_bridge.hpp"

#include <Aspect_NeutralWindow.hxx>
#include <Message.hxx>
#include <OpenGl_Context.hxx>
#include <OpenGl_FrameBuffer.hxx>
#include <OpenGl_GlCore20.hxx>
#include <OpenGl_GraphicDriver.hxx>
#include <OpenGl_View.hxx>
#include <OpenGl_Window.hxx>

namespace lazycad::viewer::gl {

namespace {

/// Qt's framebuffer is plain RGBA8, not sRGB: tell OCCT so, and it applies
/// the gamma correction itself (otherwise every colour comes out too dark).
class QtFrameBuffer : public OpenGl_FrameBuffer {
    DEFINE_STANDARD_RTTI_INLINE(QtFrameBuffer, OpenGl_FrameBuffer)
public:
    void BindBuffer(const Handle(OpenGl_Context)& ctx) override {
        OpenGl_FrameBuffer::BindBuffer(ctx);
        ctx->SetFrameBufferSRGB(true, false);
    }
    void BindDrawBuffer(const Handle(OpenGl_Context)& ctx) override {
        OpenGl_FrameBuffer::BindDrawBuffer(ctx);
        ctx->SetFrameBufferSRGB(true, false);
    }
};

/// Aspect_NeutralWindow with a settable device pixel ratio (HiDPI screens).
class QtWindow : public Aspect_NeutralWindow {
    DEFINE_STANDARD_RTTI_INLINE(QtWindow, Aspect_NeutralWindow)
public:
    Standard_Real DevicePixelRatio() const override { return m_ratio; }
    void set_pixel_ratio(double r) { m_ratio = r; }

private:
    double m_ratio = 1.0;
};

Handle(OpenGl_Context) context_of(const Handle(V3d_View)& view) {
    Handle(OpenGl_View) gl_view = Handle(OpenGl_View)::DownCast(view->View());
    if (gl_view.IsNull() || gl_view->GlWindow().IsNull()) return {};
    return gl_view->GlWindow()->GetGlContext();
}

} // namespace

Handle(Graphic3d_GraphicDriver) make_embedded_driver(const Handle(Aspect_DisplayConnection)& display,
                                                     bool compatible_profile) {
    Handle(OpenGl_GraphicDriver) driver = new OpenGl_GraphicDriver(display, false);
    driver->ChangeOptions().buffersNoSwap = true;
    driver->ChangeOptions().buffersOpaqueAlpha = true;
    driver->ChangeOptions().useSystemBuffer = false;
    driver->ChangeOptions().contextCompatible = compatible_profile;
    return driver;
}

Handle(Graphic3d_GraphicDriver) make_offscreen_driver(const Handle(Aspect_DisplayConnection)& display) {
    Handle(OpenGl_GraphicDriver) driver = new OpenGl_GraphicDriver(display, true);
    driver->ChangeOptions().buffersOpaqueAlpha = true;
    driver->ChangeOptions().swapInterval = 0;
    return driver;
}

bool wrap_current_context(const Handle(V3d_View)& view, Aspect_Drawable native_window,
                          Graphic3d_Vec2i size, double pixel_ratio, bool compatible_profile) {
    Handle(OpenGl_Context) ctx = new OpenGl_Context();
    if (!ctx->Init(!compatible_profile)) {
        Message::SendFail() << "lazycad-view: OCCT cannot use Qt's OpenGL context";
        return false;
    }
    Handle(QtWindow) window = Handle(QtWindow)::DownCast(view->Window());
    if (window.IsNull()) {
        window = new QtWindow();
        window->SetVirtual(true);
    }
    window->SetNativeHandle(native_window);
    window->SetSize(size.x(), size.y());
    window->set_pixel_ratio(pixel_ratio);
    view->SetWindow(window, ctx->RenderingContext());
    view->MustBeResized();
    view->Invalidate();
    return true;
}

bool wrap_current_framebuffer(const Handle(V3d_View)& view) {
    Handle(OpenGl_Context) ctx = context_of(view);
    if (ctx.IsNull()) return false;
    Handle(OpenGl_FrameBuffer) fbo = ctx->DefaultFrameBuffer();
    if (fbo.IsNull()) {
        fbo = new QtFrameBuffer();
        ctx->SetDefaultFrameBuffer(fbo);
    }
    if (!fbo->InitWrapper(ctx)) {
        Message::SendFail() << "lazycad-view: cannot wrap Qt's framebuffer";
        return false;
    }
    Graphic3d_Vec2i old_size;
    view->Window()->Size(old_size.x(), old_size.y());
    Graphic3d_Vec2i new_size = fbo->GetVPSize();
    if (new_size != old_size) {
        Handle(QtWindow) window = Handle(QtWindow)::DownCast(view->Window());
        if (!window.IsNull()) window->SetSize(new_size.x(), new_size.y());
        view->MustBeResized();
        view->Invalidate();
    }
    return true;
}

void reset_state_before_occt(const Handle(V3d_View)& view) {
    Handle(OpenGl_Context) ctx = context_of(view);
    if (ctx.IsNull()) return;
    if (ctx->core20fwd != nullptr) ctx->core20fwd->glUseProgram(0);
    ctx->core11fwd->glBindTexture(GL_TEXTURE_2D, 0);
    ctx->core11fwd->glDisable(GL_BLEND);
}

void reset_state_after_occt(const Handle(V3d_View)& view) {
    Handle(OpenGl_Context) ctx = context_of(view);
    if (ctx.IsNull()) return;
    ctx->core11fwd->glPixelStorei(GL_PACK_ALIGNMENT, 4);
    ctx->core11fwd->glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (ctx->core15fwd != nullptr) ctx->core15fwd->glActiveTexture(GL_TEXTURE0);
}

} // namespace lazycad::viewer::gl
