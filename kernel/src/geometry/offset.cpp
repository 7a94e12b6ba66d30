// offset(distance): move every face of a solid by `distance` along its normal,
// rounding the gaps at edges and corners (BRepOffsetAPI_MakeOffsetShape, arc joins),
// so offsetting a box by d gives the box rounded with radius d.

#include <algorithm>
#include <array>
#include <cmath>

#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepOffsetAPI_MakeOffsetShape.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/offset_check.hpp"
#include "geometry/results.hpp"
#include "params/offset.hpp"

namespace lazycad::detail {

namespace {

const Compute offset_compute{params::offset::op, [](const OpContext& c) {
    const double d = c[params::offset::distance];
    const TopoDS_Shape& body = c.inputs[0];
    require_solid(body, c.op(), "shape");
    // Every inner point lies within half the smallest bounding-box size of the
    // surface, so shrinking by that much leaves nothing.
    const std::array<double, 3> size = box_size(body);
    const double half = std::min({size[0], size[1], size[2]}) / 2;
    if (d <= -half)
        fail(c.op(), "distance",
             fmt::format("shrinks the solid to nothing (got {}, its smallest half-size is {})", d,
                         half));

    BRepOffsetAPI_MakeOffsetShape b;
    const bool sharp = c.get_or(params::offset::join, Join::arc) == Join::intersection;
    try {
        b.PerformByJoin(body, d, 1e-6, BRepOffset_Skin, false, false,
                        sharp ? GeomAbs_Intersection : GeomAbs_Arc, false, c.progress);
    } catch (const Standard_Failure& f) {
        fail(c.op(), "distance",
             fmt::format("could not be applied to this solid (got {}; OCCT: {})", d,
                         f.GetMessageString()));
    }
    if (!b.IsDone())
        fail(c.op(), "distance", fmt::format("could not be applied to this solid (got {})", d));
    TopoDS_Shape result = b.Shape();
    // The offset of a solid comes back as its closed skin in some cases: make it solid again.
    if (result.ShapeType() == TopAbs_SHELL) {
        BRepBuilderAPI_MakeSolid solid(TopoDS::Shell(result));
        check_done(solid, c.op());
        result = solid.Shape();
    }
    // Arc joins put every point of the new skin exactly |d| from the solid;
    // sharp ones put some farther (the corners).
    check_offset_wall(body, {}, result, {std::abs(d), /*exact=*/!sharp}, c.op(), "distance");
    return result;
}};

} // namespace

} // namespace lazycad::detail
