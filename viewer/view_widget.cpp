#include "view_widget.hpp"

#include <QApplication>
#include <QMessageBox>
#include <QMouseEvent>
#include <QWheelEvent>

#include <Aspect_DisplayConnection.hxx>
#include <Graphic3d_TransformPers.hxx>

#include "gl_bridge.hpp"
#include "qt_occt_input.hpp"

namespace lazycad::viewer {

ViewWidget::ViewWidget(QWidget* parent) : QOpenGLWidget(parent) {
    m_compatible_profile = QSurfaceFormat::defaultFormat().profile() != QSurfaceFormat::CoreProfile;
    Handle(Aspect_DisplayConnection) display = new Aspect_DisplayConnection();
    m_viewer = make_viewer(gl::make_embedded_driver(display, m_compatible_profile));
    m_context = make_context(m_viewer);

    m_cube = new AIS_ViewCube();
    m_cube->SetSize(55);
    m_cube->SetFontHeight(12);
    m_cube->SetViewAnimation(myViewAnimation);
    m_cube->SetFixedAnimationLoop(false);
    m_cube->SetAutoStartAnimation(true);
    m_cube->SetTransformPersistence(new Graphic3d_TransformPers(
        Graphic3d_TMF_TriedronPers, Aspect_TOTP_RIGHT_UPPER, Graphic3d_Vec2i(85, 85)));

    // The window comes later, in initializeGL(), once Qt has a context.
    m_view = m_viewer->CreateView();
    m_view->SetImmediateUpdate(false);
    style_view(m_view, false);

    setMouseTracking(true);
    setBackgroundRole(QPalette::NoRole);
    setFocusPolicy(Qt::StrongFocus);
    setUpdateBehavior(QOpenGLWidget::NoPartialUpdate);
}

ViewWidget::~ViewWidget() {
    // Keep the X connection until Qt's context is current again: releasing it
    // first crashes inside QOpenGLWidget's destructor (as OCCT's sample notes).
    Handle(Aspect_DisplayConnection) display = m_viewer->Driver()->GetDisplayConnection();
    m_context->RemoveAll(false);
    m_context.Nullify();
    m_view->Remove();
    m_view.Nullify();
    m_viewer.Nullify();
    makeCurrent();
    display.Nullify();
}

void ViewWidget::show_shapes(const std::vector<ShownShape>& shapes) {
    m_shapes.replace(m_context, shapes);
    if (!m_fitted && !m_shapes.empty()) {
        // Fitted in paintGL(), once the view has the framebuffer's final size:
        // fitting at another aspect ratio would leave the model off-centre.
        m_fit_pending = true;
        m_fitted = true;
    }
    m_view->Invalidate();
    update();
}

void ViewWidget::set_standard_view(StandardView which) {
    m_shapes.set_view(m_view, which);
    m_view->Invalidate();
    update();
}

void ViewWidget::fit_all() {
    m_shapes.fit(m_view);
    m_view->Invalidate();
    update();
}

void ViewWidget::initializeGL() {
    const QRect r = rect();
    const bool first = m_view->Window().IsNull();
    if (!gl::wrap_current_context(m_view, Aspect_Drawable(effectiveWinId()),
                                  Graphic3d_Vec2i(r.width(), r.height()), devicePixelRatioF(),
                                  m_compatible_profile)) {
        QMessageBox::critical(nullptr, "lazycad-view", "OCCT cannot use Qt's OpenGL context.");
        QApplication::exit(1);
        return;
    }
    makeCurrent(); // OCCT may have bound its own state; give Qt its framebuffer back
    if (first) m_context->Display(m_cube, 0, 0, false);
}

void ViewWidget::paintGL() {
    if (m_view.IsNull() || m_view->Window().IsNull()) return;
    if (devicePixelRatioF() != m_view->Window()->DevicePixelRatio()) initializeGL();
    if (!gl::wrap_current_framebuffer(m_view)) {
        QMessageBox::critical(nullptr, "lazycad-view", "OCCT cannot draw into Qt's framebuffer.");
        QApplication::exit(1);
        return;
    }
    if (m_fit_pending) {
        m_shapes.set_view(m_view, m_initial_view);
        m_fit_pending = false;
    }
    gl::reset_state_before_occt(m_view);
    m_view->InvalidateImmediate();
    FlushViewEvents(m_context, m_view, true);
    gl::reset_state_after_occt(m_view);
}

void ViewWidget::mousePressEvent(QMouseEvent* event) {
    QOpenGLWidget::mousePressEvent(event);
    if (input::handle_mouse(*this, m_view, event)) update();
}

void ViewWidget::mouseReleaseEvent(QMouseEvent* event) {
    QOpenGLWidget::mouseReleaseEvent(event);
    if (input::handle_mouse(*this, m_view, event)) update();
}

void ViewWidget::mouseMoveEvent(QMouseEvent* event) {
    QOpenGLWidget::mouseMoveEvent(event);
    if (input::handle_mouse(*this, m_view, event)) update();
}

void ViewWidget::wheelEvent(QWheelEvent* event) {
    QOpenGLWidget::wheelEvent(event);
    if (input::handle_wheel(*this, m_view, event)) update();
}

void ViewWidget::handleViewRedraw(const Handle(AIS_InteractiveContext)& context,
                                  const Handle(V3d_View)& view) {
    AIS_ViewController::handleViewRedraw(context, view);
    if (toAskNextFrame()) update();
}

} // namespace lazycad::viewer
