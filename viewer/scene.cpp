#include "scene.hpp"

#include <Bnd_Box.hxx>
#include <Graphic3d_MaterialAspect.hxx>
#include <Prs3d_Drawer.hxx>
#include <Prs3d_LineAspect.hxx>
#include <Prs3d_ShadingAspect.hxx>
#include <Quantity_Color.hxx>
#include <V3d_AmbientLight.hxx>
#include <V3d_DirectionalLight.hxx>

namespace lazycad::viewer {

namespace {
Quantity_Color edge_color() { return Quantity_Color(0.08, 0.08, 0.10, Quantity_TOC_sRGB); }
} // namespace

std::optional<StandardView> parse_view(std::string_view name) {
    if (name == "iso") return StandardView::iso;
    if (name == "front") return StandardView::front;
    if (name == "top") return StandardView::top;
    if (name == "right") return StandardView::right;
    return std::nullopt;
}

Handle(V3d_Viewer) make_viewer(const Handle(Graphic3d_GraphicDriver)& driver) {
    Handle(V3d_Viewer) viewer = new V3d_Viewer(driver);
    // A headlight straight along the view (OCCT's default) lights every face
    // of an iso view equally: the box reads as a flat hexagon. Light from the
    // upper left instead, still attached to the camera, plus some ambient.
    Handle(V3d_AmbientLight) ambient = new V3d_AmbientLight(Quantity_NOC_WHITE);
    ambient->SetIntensity(1.5f);
    Handle(V3d_DirectionalLight) key =
        new V3d_DirectionalLight(gp_Dir(0.45, -0.6, -1.0), Quantity_NOC_WHITE, Standard_True);
    key->SetIntensity(1.6f);
    viewer->AddLight(ambient);
    viewer->AddLight(key);
    viewer->SetLightOn();
    return viewer;
}

Handle(AIS_InteractiveContext) make_context(const Handle(V3d_Viewer)& viewer) {
    Handle(AIS_InteractiveContext) context = new AIS_InteractiveContext(viewer);
    context->SetDisplayMode(AIS_Shaded, false);
    const Handle(Prs3d_Drawer)& d = context->DefaultDrawer();
    d->SetTypeOfDeflection(Aspect_TOD_RELATIVE);
    d->SetDeviationCoefficient(mesh_deviation_coefficient);
    d->SetDeviationAngle(mesh_deviation_angle);
    d->SetFaceBoundaryDraw(true);
    d->SetFaceBoundaryAspect(new Prs3d_LineAspect(edge_color(), Aspect_TOL_SOLID, 1.0));
    return context;
}

void style_view(const Handle(V3d_View)& view, bool trihedron) {
    view->SetBgGradientColors(Quantity_Color(0.78, 0.82, 0.88, Quantity_TOC_sRGB),
                              Quantity_Color(0.36, 0.41, 0.50, Quantity_TOC_sRGB), Aspect_GFM_VER, false);
    if (trihedron) view->TriedronDisplay(Aspect_TOTP_LEFT_LOWER, Quantity_NOC_GRAY20, 0.08, V3d_ZBUFFER);
}

void SceneShapes::replace(const Handle(AIS_InteractiveContext)& context,
                          const std::vector<ShownShape>& shapes) {
    std::vector<Handle(AIS_Shape)> shown;
    std::vector<bool> visible;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const ShownShape& s = shapes[i];
        const Quantity_Color color(s.color.r, s.color.g, s.color.b, Quantity_TOC_sRGB);
        // A part that did not change (a parameter edit of another part: its
        // mesh node comes from memory, the very same shape) keeps its
        // presentation: nothing to rebuild for it.
        if (i < m_shown.size() && !m_shown[i].IsNull() && !s.shape.IsNull() && m_shown[i]->Shape().IsEqual(s.shape)) {
            Quantity_Color old;
            m_shown[i]->Color(old);
            if (old.IsEqual(color)) {
                shown.push_back(m_shown[i]);
                visible.push_back(m_visible[i]);
                m_shown[i].Nullify();
                continue;
            }
        }
        visible.push_back(true);
        if (s.shape.IsNull()) {
            shown.emplace_back(); // indexes stay those of the parts list
            continue;
        }
        Handle(AIS_Shape) prs = new AIS_Shape(s.shape);
        // A non-physical material, so the script's colour is what one sees.
        prs->SetMaterial(Graphic3d_MaterialAspect(Graphic3d_NameOfMaterial_Plastified));
        prs->SetColor(color);
        // SetColor paints the face boundaries too; they must stay dark to show the edges.
        prs->Attributes()->SetFaceBoundaryAspect(new Prs3d_LineAspect(edge_color(), Aspect_TOL_SOLID, 1.0));
        style(prs);
        context->Display(prs, prs->DisplayMode(), 0, false);
        shown.push_back(prs);
    }
    for (const Handle(AIS_Shape)& s : m_shown) // those not kept
        if (!s.IsNull()) context->Remove(s, false);
    m_shown = std::move(shown);
    m_visible = std::move(visible);
}

void SceneShapes::set_visible(const Handle(AIS_InteractiveContext)& context, const std::vector<bool>& visible) {
    for (std::size_t i = 0; i < m_shown.size() && i < visible.size(); ++i) {
        if (m_shown[i].IsNull() || m_visible[i] == visible[i]) continue;
        m_visible[i] = visible[i];
        if (visible[i]) context->Display(m_shown[i], m_shown[i]->DisplayMode(), 0, false);
        else context->Erase(m_shown[i], false);
    }
}

void SceneShapes::style(const Handle(AIS_Shape)& prs) const {
    prs->Attributes()->SetFaceBoundaryDraw(m_style == DisplayStyle::shaded_with_edges);
    prs->SetDisplayMode(m_style == DisplayStyle::wireframe ? AIS_WireFrame : AIS_Shaded);
}

void SceneShapes::set_style(const Handle(AIS_InteractiveContext)& context, DisplayStyle style_) {
    m_style = style_;
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        if (m_shown[i].IsNull()) continue;
        style(m_shown[i]);
        // The face boundaries are part of the shaded presentation: rebuild it.
        m_shown[i]->SetToUpdate();
        if (!m_visible[i]) continue;
        context->SetDisplayMode(m_shown[i], m_shown[i]->DisplayMode(), false);
        context->Redisplay(m_shown[i], false);
    }
}

Bnd_Box SceneShapes::bounds() const {
    Bnd_Box box;
    for (std::size_t i = 0; i < m_shown.size(); ++i)
        if (!m_shown[i].IsNull() && m_visible[i]) box.Add(m_shown[i]->BoundingBox());
    return box;
}

void SceneShapes::set_view(const Handle(V3d_View)& view, StandardView which) const {
    switch (which) {
    case StandardView::iso: view->SetProj(V3d_TypeOfOrientation_Zup_AxoRight); break;
    case StandardView::front: view->SetProj(V3d_TypeOfOrientation_Zup_Front); break;
    case StandardView::top: view->SetProj(V3d_TypeOfOrientation_Zup_Top); break;
    case StandardView::right: view->SetProj(V3d_TypeOfOrientation_Zup_Right); break;
    }
    fit(view);
}

void SceneShapes::fit(const Handle(V3d_View)& view) const {
    Bnd_Box box = bounds();
    if (box.IsVoid()) view->FitAll(0.05, false);
    else view->FitAll(box, 0.05, false);
    view->ZFitAll();
}

} // namespace lazycad::viewer
