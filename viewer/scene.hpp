#pragma once
// The 3D scene both the window and `render` draw: viewer and lights, the AIS
// context's display settings, background, standard views, and the shapes.
// OCCT only (no Qt).

#include <optional>
#include <string_view>
#include <vector>

#include <AIS_InteractiveContext.hxx>
#include <AIS_Shape.hxx>
#include <Graphic3d_GraphicDriver.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>

#include "model_job.hpp"

namespace lazycad::viewer {

enum class StandardView { iso, front, top, right };

/// "iso", "front", "top", "right"; nullopt for anything else.
std::optional<StandardView> parse_view(std::string_view name);

/// A viewer with the default lights switched on.
Handle(V3d_Viewer) make_viewer(const Handle(Graphic3d_GraphicDriver)& driver);

/// A context that shows shapes shaded with dark face boundaries, meshed with
/// the same settings as the worker (model_job.hpp).
Handle(AIS_InteractiveContext) make_context(const Handle(V3d_Viewer)& viewer);

/// Gradient background; with `trihedron`, axes in the lower left corner.
void style_view(const Handle(V3d_View)& view, bool trihedron);

/// The displayed shapes; replaced as a whole after each successful run.
class SceneShapes {
public:
    /// Remove the previous shapes and display `shapes` (already meshed).
    void replace(const Handle(AIS_InteractiveContext)& context, const std::vector<ShownShape>& shapes);
    bool empty() const { return m_shown.empty(); }
    /// Camera along a standard direction, then fit the shapes (not the view cube).
    void set_view(const Handle(V3d_View)& view, StandardView which) const;
    /// Fit the camera to the shapes, keeping its direction.
    void fit(const Handle(V3d_View)& view) const;

private:
    std::vector<Handle(AIS_Shape)> m_shown;
};

} // namespace lazycad::viewer
