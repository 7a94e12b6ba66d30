// offset(distance): move every face of a solid by `distance` along its normal,
// rounding the gaps at edges and corners (BRepOffsetAPI_MakeOffsetShape, arc joins),
// so offsetting a box by d gives the box rounded with radius d.

#include <algorithm>
#include <cmath>

#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepOffsetAPI_MakeOffsetShape.hxx>
#include <Bnd_Box.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

namespace {

const Compute offset_compute{"offset", [](const OpContext& c) {
    const double d = c.num("distance");
    const TopoDS_Shape& body = c.inputs[0];
    // Every inner point lies within half the smallest bounding-box size of the
    // surface, so shrinking by that much leaves nothing.
    Bnd_Box box;
    BRepBndLib::Add(body, box);
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    double half = std::min({x1 - x0, y1 - y0, z1 - z0}) / 2;
    if (d <= -half)
        fail(c.op(), "distance",
             fmt::format("shrinks the solid to nothing (got {}, its smallest half-size is {})", d,
                         half));

    BRepOffsetAPI_MakeOffsetShape b;
    try {
        b.PerformByJoin(body, d, 1e-6, BRepOffset_Skin, false, false, GeomAbs_Arc, false,
                        c.progress);
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
    return result;
}};

} // namespace

} // namespace lazycad::detail
