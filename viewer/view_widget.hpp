#pragma once
// The 3D view: one widget that is both Qt's QOpenGLWidget and OCCT's
// AIS_ViewController. Qt owns the OpenGL context and swaps buffers; OCCT
// wraps that context in initializeGL() and draws into Qt's framebuffer in
// paintGL(). Input is queued by the controller and flushed on each paint.

#include <vector>

#include <QOpenGLWidget>

#include <AIS_InteractiveContext.hxx>
#include <AIS_ViewController.hxx>
#include <AIS_ViewCube.hxx>
#include <Graphic3d_ClipPlane.hxx>
#include <TopAbs_ShapeEnum.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>

#include "scene.hpp"

namespace lazycad::viewer {

class ViewWidget : public QOpenGLWidget, public AIS_ViewController {
    Q_OBJECT
public:
    explicit ViewWidget(QWidget* parent = nullptr);
    ~ViewWidget() override;

    /// Replace the displayed shapes. The camera is fitted the first time only:
    /// after that it stays where the user left it.
    void show_shapes(const std::vector<ShownShape>& shapes);
    void set_standard_view(StandardView which);
    void fit_all();
    void set_style(DisplayStyle style);
    /// Perspective or orthographic camera.
    void set_perspective(bool on);
    /// Show or hide the shapes (one flag per shape, as the Parts panel lists them).
    void set_visibility(const std::vector<bool>& visible);
    /// One transparency per part (0 opaque); parts shown later keep theirs by index.
    void set_transparency(const std::vector<double>& transparency);
    /// Draw `shape` (a node of the lazy tree) over the model, which turns
    /// translucent; a null shape removes it.
    void show_overlay(const TopoDS_Shape& shape);
    /// Section: `axis` 0, 1, 2 for X, Y, Z (-1: none); `fraction` 0..1 across
    /// the model's bounds; `flip` keeps the other side. The cut is capped.
    void set_section(int axis, double fraction, bool flip);
    /// Pick faces, edges, vertices or whole shapes with the mouse (Shift adds).
    void set_pick_mode(TopAbs_ShapeEnum mode);
    /// The picked sub-shapes, in the order of the context's selection.
    std::vector<TopoDS_Shape> picked() const;
    const SceneShapes& scene() const { return m_shapes; }
    /// Camera direction used for the first fit.
    void set_initial_view(StandardView which) { m_initial_view = which; }

    QSize minimumSizeHint() const override { return {200, 200}; }
    QSize sizeHint() const override { return {1000, 750}; }

signals:
    /// The user picked or unpicked something (see picked()).
    void selection_changed();

protected:
    void initializeGL() override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void OnSelectionChanged(const Handle(AIS_InteractiveContext)& context,
                            const Handle(V3d_View)& view) override;
    void activate_pick_mode();
    /// Keeps animations (view cube clicks) running frame after frame.
    void handleViewRedraw(const Handle(AIS_InteractiveContext)& context,
                          const Handle(V3d_View)& view) override;

    Handle(V3d_Viewer) m_viewer;
    Handle(V3d_View) m_view;
    Handle(AIS_InteractiveContext) m_context;
    Handle(AIS_ViewCube) m_cube;
    SceneShapes m_shapes;
    Handle(AIS_Shape) m_overlay;
    std::vector<double> m_transparency;
    /// Each part's transparency, raised while an overlay is shown.
    void apply_transparency();
    Handle(Graphic3d_ClipPlane) m_clip;
    TopAbs_ShapeEnum m_pick_mode = TopAbs_SHAPE;
    bool m_picking = false;
    StandardView m_initial_view = StandardView::iso;
    bool m_fitted = false;
    bool m_fit_pending = false;
    bool m_compatible_profile = true;
};

} // namespace lazycad::viewer
