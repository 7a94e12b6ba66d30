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
    /// Camera direction used for the first fit.
    void set_initial_view(StandardView which) { m_initial_view = which; }

    QSize minimumSizeHint() const override { return {200, 200}; }
    QSize sizeHint() const override { return {1000, 750}; }

protected:
    void initializeGL() override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    /// Keeps animations (view cube clicks) running frame after frame.
    void handleViewRedraw(const Handle(AIS_InteractiveContext)& context,
                          const Handle(V3d_View)& view) override;

    Handle(V3d_Viewer) m_viewer;
    Handle(V3d_View) m_view;
    Handle(AIS_InteractiveContext) m_context;
    Handle(AIS_ViewCube) m_cube;
    SceneShapes m_shapes;
    StandardView m_initial_view = StandardView::iso;
    bool m_fitted = false;
    bool m_fit_pending = false;
    bool m_compatible_profile = true;
};

} // namespace lazycad::viewer
