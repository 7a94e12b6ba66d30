// Sweep of a profile along a path wire (BRepOffsetAPI_MakePipeShell).

#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <TopExp.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>

#include "graph/node.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"
#include "ops/sketch_util.hpp"

namespace lazycad {

using namespace detail;

namespace {

TopoDS_Shape sweep_wire(const TopoDS_Wire& spine, const TopoDS_Wire& profile, bool frenet,
                        bool solid, const OpContext& c) {
    BRepOffsetAPI_MakePipeShell pipe(spine);
    pipe.SetMode(frenet);
    // Paths with sharp corners (C0 joins) get round joints instead of failing.
    pipe.SetTransitionMode(BRepBuilderAPI_RoundCorner);
    pipe.Add(profile, /*WithContact=*/false, /*WithCorrection=*/false);
    pipe.Build(c.progress);
    check_done(pipe, c.op());
    if (solid && !pipe.MakeSolid())
        throw Error(c.op(), "profile", c.op() + ": OCCT could not close the swept shell into a solid");
    return pipe.Shape();
}

const OpDef sweep_op{"sweep", 1, Cost::expensive, true, [](const OpContext& c) {
    TopoDS_Wire spine = as_wire(c.inputs[1], c.op(), "path");
    bool frenet = c.flag("frenet");
    std::vector<TopoDS_Face> faces = faces_of(merge_coplanar_faces(c.inputs[0]));
    if (faces.empty()) {
        // A wire profile sweeps to a shell (closed wire) or a sheet (open one).
        TopoDS_Wire w = as_wire(c.inputs[0], c.op(), "profile");
        require_simple(w, c.op(), "profile");
        return sweep_wire(spine, w, frenet, false, c);
    }
    std::vector<TopoDS_Shape> solids;
    for (const TopoDS_Face& f : faces) {
        auto make_one = [&](const TopoDS_Wire& w) {
            require_simple(w, c.op(), "profile");
            return sweep_wire(spine, w, frenet, true, c);
        };
        solids.push_back(solid_with_holes(f, make_one, c.op()));
    }
    return group_parts(solids);
}};

} // namespace

Shape sweep(const Shape& profile, const Shape& path, bool frenet) {
    return make_node(sweep_op, {{"frenet", frenet}}, {profile, path});
}

} // namespace lazycad
