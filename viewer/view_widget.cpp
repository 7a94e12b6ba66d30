#include "view_widget.hpp"

#include <algorithm>

#include <QApplication>
#include <QMessageBox>
#include <QMouseEvent>
#include <QWheelEvent>

#include <Aspect_DisplayConnection.hxx>
#include <Graphic3d_Camera.hxx>
#include <Graphic3d_TransformPers.hxx>
#include <Graphic3d_AspectFillArea3d.hxx>
#include <Graphic3d_MaterialAspect.hxx>
#include <Prs3d_LineAspect.hxx>
#include <StdSelect_BRepOwner.hxx>
#include <gp_Pln.hxx>

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
    activate_pick_mode();
    if (!m_fitted && !m_shapes.empty()) {
        // Fitted in paintGL(), once the view has the framebuffer's final size:
        // fitting at another aspect ratio would leave the model off-centre.
        m_fit_pending = true;
        m_fitted = true;
    }
    m_view->Invalidate();
    update();
}

void ViewWidget::set_style(DisplayStyle style) {
    m_shapes.set_style(m_context, style);
    m_view->Invalidate();
    update();
}

void ViewWidget::set_perspective(bool on) {
    m_view->Camera()->SetProjectionType(on ? Graphic3d_Camera::Projection_Perspective
                                           : Graphic3d_Camera::Projection_Orthographic);
    m_view->Invalidate();
    update();
}

void ViewWidget::set_transparency(const std::vector<double>& transparency) {
    m_transparency = transparency;
    apply_transparency();
    m_view->Invalidate();
    update();
}

void ViewWidget::apply_transparency() {
    const std::vector<Handle(AIS_Shape)>& shown = m_shapes.shown();
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (shown[i].IsNull()) continue;
        double t = i < m_transparency.size() ? m_transparency[i] : 0.0;
        // With a tree node drawn over it the model turns translucent, so
        // that a step inside it can be seen.
        if (!m_overlay.IsNull()) t = std::max(t, 0.75);
        if (t > 0) m_context->SetTransparency(shown[i], t, false);
        else m_context->UnsetTransparency(shown[i], false);
    }
}

void ViewWidget::set_visibility(const std::vector<bool>& visible) {
    m_shapes.set_visible(m_context, visible);
    m_view->Invalidate();
    update();
}

void ViewWidget::show_overlay(const TopoDS_Shape& shape) {
    if (!m_overlay.IsNull()) m_context->Remove(m_overlay, false);
    m_overlay.Nullify();
    if (!shape.IsNull()) {
        m_overlay = new AIS_Shape(shape);
        m_overlay->SetMaterial(Graphic3d_MaterialAspect(Graphic3d_NameOfMaterial_Plastified));
        m_overlay->SetColor(Quantity_Color(overlay_color.r, overlay_color.g, overlay_color.b, Quantity_TOC_sRGB));
        m_overlay->Attributes()->SetFaceBoundaryAspect(
            new Prs3d_LineAspect(Quantity_NOC_BLACK, Aspect_TOL_SOLID, 1.0));
        m_context->Display(m_overlay, AIS_Shaded, -1, false); // -1: not pickable
    }
    apply_transparency();
    m_view->Invalidate();
    update();
}

void ViewWidget::set_section(int axis, double fraction, bool flip) {
    if (!m_clip.IsNull()) {
        m_view->RemoveClipPlane(m_clip);
        m_clip.Nullify();
    }
    Bnd_Box box = m_shapes.bounds();
    if (axis >= 0 && axis <= 2 && !box.IsVoid()) {
        double lo[3], hi[3];
        box.Get(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
        double at = lo[axis] + fraction * (hi[axis] - lo[axis]);
        gp_Pnt point(axis == 0 ? at : 0, axis == 1 ? at : 0, axis == 2 ? at : 0);
        // OCCT keeps the side the normal points to. By default the half that
        // faces the iso and front cameras (x > cut, y < cut, z > cut) goes,
        // so the cut face looks at the user.
        double n = (axis == 1 ? 1.0 : -1.0) * (flip ? -1.0 : 1.0);
        gp_Dir dir(axis == 0 ? n : 0, axis == 1 ? n : 0, axis == 2 ? n : 0);
        m_clip = new Graphic3d_ClipPlane(gp_Pln(point, dir));
        m_clip->SetCapping(true);
        // Each part's cut in its own colour, so the bolt's thread shows
        // against the nut's; unlit, since the cap faces away from the light
        // that follows the camera and would be drawn black.
        m_clip->SetUseObjectMaterial(true);
        Handle(Graphic3d_AspectFillArea3d) cap = new Graphic3d_AspectFillArea3d(*m_clip->CappingAspect());
        cap->SetShadingModel(Graphic3d_TypeOfShadingModel_Unlit);
        m_clip->SetCappingAspect(cap);
        m_view->AddClipPlane(m_clip);
    }
    m_view->Invalidate();
    update();
}

void ViewWidget::set_pick_mode(TopAbs_ShapeEnum mode) {
    m_pick_mode = mode;
    m_picking = true;
    activate_pick_mode();
}

void ViewWidget::activate_pick_mode() {
    if (!m_picking) return;
    m_context->ClearSelected(false);
    for (const Handle(AIS_Shape)& s : m_shapes.shown()) {
        if (s.IsNull()) continue;
        m_context->Deactivate(s);
        m_context->Activate(s, AIS_Shape::SelectionMode(m_pick_mode));
    }
    emit selection_changed();
}

std::vector<TopoDS_Shape> ViewWidget::picked() const {
    std::vector<TopoDS_Shape> out;
    for (m_context->InitSelected(); m_context->MoreSelected(); m_context->NextSelected())
        if (Handle(StdSelect_BRepOwner) owner = Handle(StdSelect_BRepOwner)::DownCast(m_context->SelectedOwner()))
            out.push_back(owner->Shape());
    return out;
}

void ViewWidget::OnSelectionChanged(const Handle(AIS_InteractiveContext)&, const Handle(V3d_View)&) {
    emit selection_changed();
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
