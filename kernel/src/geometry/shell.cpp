// shell(thickness, open): hollow a solid to a wall of `thickness`, removing the
// selected faces (BRepOffsetAPI_MakeThickSolid). Walls meet with sharp
// (intersection) joins by default, so an outward shell of a box is a box;
// with "join" = "arc" they are rounded.

#include <algorithm>
#include <array>
#include <cmath>

#include <BRepOffsetAPI_MakeThickSolid.hxx>
#include <Standard_Failure.hxx>
#include <TopTools_ListOfShape.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/offset_check.hpp"
#include "geometry/results.hpp"
#include "geometry/selection_eval.hpp"
#include "params/shell.hpp"

namespace lazycad::detail {

namespace {

/// What BRepOffset reported, said plainly.
const char* offset_error(BRepOffset_Error e) {
    switch (e) {
    case BRepOffset_BadNormalsOnGeometry:
        return "a face has no well-defined normal (a degenerate point or edge)";
    case BRepOffset_C0Geometry:
        return "a face's surface is only C0 (has a crease inside it); split it first";
    case BRepOffset_NullOffset: return "the offset is zero";
    case BRepOffset_NotConnectedShell: return "the solid's faces do not form one connected shell";
    case BRepOffset_CannotTrimEdges:
        return "the offset faces could not be trimmed against each other (the wall may be "
               "thicker than a feature it passes)";
    case BRepOffset_CannotFuseVertices:
        return "offset vertices could not be merged (features closer than the thickness?)";
    case BRepOffset_CannotExtentEdge:
        return "an offset edge could not be extended to meet its neighbours";
    case BRepOffset_UserBreak: return "cancelled";
    default: return "no reason given (BRepOffset_UnknownError)";
    }
}

const Compute shell_compute{params::shell::op, [](const OpContext& c) {
    const double t = c[params::shell::thickness];
    const TopoDS_Shape& body = c.inputs[0];
    require_solid(body, c.op(), "shape");
    // An inward wall as thick as the whole body leaves no cavity; OCCT would
    // fail (or worse, return garbage) much later.
    const std::array<double, 3> size = box_size(body);
    const double largest = std::max({size[0], size[1], size[2]});
    if (t >= largest)
        fail(c.op(), "thickness",
             fmt::format("too large for the solid (got {}, the solid is at most {} mm across)",
                         t, largest));

    TopTools_ListOfShape open;
    for (const TopoDS_Face& f : select_faces(body, c[params::shell::open], c.op(), params::shell::open.name)) open.Append(f);
    BRepOffsetAPI_MakeThickSolid b;
    try {
        // OCCT offsets outwards for a positive value; our positive thickness keeps
        // the outer skin and grows the wall inwards.
        const bool arc = c.get_or(params::shell::join, Join::intersection) == Join::arc;
        b.MakeThickSolidByJoin(body, open, -t, 1e-6, BRepOffset_Skin, false, false,
                               arc ? GeomAbs_Arc : GeomAbs_Intersection, false, c.progress);
    } catch (const Standard_Failure& f) {
        fail(c.op(), "thickness",
             fmt::format("could not be applied to this solid (got {}; OCCT: {})", t,
                         f.GetMessageString()));
    }
    if (!b.IsDone())
        fail(c.op(), "thickness",
             fmt::format("could not be applied to this solid (got {}; OCCT's offset failed: {})",
                         t, offset_error(b.MakeOffset().Error())));
    check_offset_wall(body, open, b.Shape(), {std::abs(t)}, c.op(), "thickness");
    return b.Shape();
}};

} // namespace

} // namespace lazycad::detail
