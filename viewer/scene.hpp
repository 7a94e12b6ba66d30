#pragma once
// The 3D scene both the window and `render` draw: viewer and lights, the AIS
// context's display settings, background, standard views, and the shapes.
// OCCT only (no Qt).

#include <optional>
#include <string_view>
#include <vector>

#include <AIS_InteractiveContext.hxx>
#include <AIS_Shape.hxx>
#include <Bnd_Box.hxx>
#include <Graphic3d_GraphicDriver.hxx>
#include <V3d_View.hxx>
#include <V3d_Viewer.hxx>

#include "model_job.hpp"

namespace lazycad::viewer {

/// A lazy-tree node shown over the model, and the cap of a section: colours
/// no script part is likely to have, so tests can count their pixels.
inline constexpr Color overlay_color{0.85, 0.10, 0.80};
inline constexpr Color section_color{0.10, 0.75, 0.80};

enum class StandardView { iso, front, top, right };

/// How shapes are drawn: shaded with their edges (the default), shaded, or as wires.
enum class DisplayStyle { shaded_with_edges, shaded, wireframe };

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
    /// Display `shapes` (already meshed) instead of the previous ones; a
    /// shape identical to the previous one at its index keeps its presentation.
    void replace(const Handle(AIS_InteractiveContext)& context, const std::vector<ShownShape>& shapes);
    bool empty() const { return m_shown.empty(); }
    /// Show or hide the shapes (one flag per shape given to replace()).
    void set_visible(const Handle(AIS_InteractiveContext)& context, const std::vector<bool>& visible);
    /// The displayed presentations, one per shape (null for an empty result).
    const std::vector<Handle(AIS_Shape)>& shown() const { return m_shown; }
    /// Draw every shape, and those displayed later, in `style`.
    void set_style(const Handle(AIS_InteractiveContext)& context, DisplayStyle style);
    /// Bounding box of the visible shapes.
    Bnd_Box bounds() const;
    /// Camera along a standard direction, then fit the shapes (not the view cube).
    void set_view(const Handle(V3d_View)& view, StandardView which) const;
    /// Fit the camera to the shapes, keeping its direction.
    void fit(const Handle(V3d_View)& view) const;

private:
    std::vector<Handle(AIS_Shape)> m_shown;
    std::vector<bool> m_visible;
    DisplayStyle m_style = DisplayStyle::shaded_with_edges;
    /// Apply m_style to one presentation (no redisplay).
    void style(const Handle(AIS_Shape)& prs) const;
};

} // namespace lazycad::viewer
