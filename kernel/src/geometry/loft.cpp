// Loft: a solid skinned through ordered sections (BRepOffsetAPI_ThruSections).

#include <BRepOffsetAPI_ThruSections.hxx>
#include <BRepTools.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sweeps.hpp"

namespace lazycad::detail {

namespace {

const Compute loft_compute{params::loft::op, [](const OpContext& c) {
    BRepOffsetAPI_ThruSections loft(/*isSolid=*/true, c[params::loft::ruled], 1e-6);
    for (std::size_t i = 0; i < c.inputs.size(); ++i) {
        const TopoDS_Shape& s = c.inputs[i];
        std::vector<TopoDS_Face> faces = faces_of(s);
        if (faces.size() > 1)
            fail(c.op(), "sections", fmt::format("section {} has {} faces (one expected)", i, faces.size()));
        if (faces.size() == 1) {
            int wires = 0;
            for (TopExp_Explorer e(faces[0], TopAbs_WIRE); e.More(); e.Next()) ++wires;
            if (wires > 1) fail(c.op(), "sections", fmt::format("section {} has holes", i));
        }
        TopoDS_Wire w = as_wire(s, c.op(), "sections");
        TopoDS_Vertex first, last;
        TopExp::Vertices(w, first, last);
        if (first.IsNull() || !first.IsSame(last))
            fail(c.op(), "sections", fmt::format("section {} is not closed", i));
        loft.AddWire(w);
    }
    loft.Build(c.progress);
    check_done(loft, c.op());
    return loft.Shape();
}};

} // namespace

} // namespace lazycad::detail
