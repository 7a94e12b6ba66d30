// Sweep of a profile along a path wire (BRepOffsetAPI_MakePipeShell).

#include <Message_ProgressScope.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
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
                        bool solid, const Message_ProgressRange& progress, const OpContext& c) {
    std::vector<Trihedron> modes =
        frenet ? std::vector{Trihedron::frenet}
               : std::vector{Trihedron::corrected_frenet, Trihedron::discrete};
    return pipe_shell(spine, profile, modes, solid, progress, c.op());
}

const OpDef sweep_op{"sweep", 1, Cost::expensive, true, [](const OpContext& c) {
    TopoDS_Wire spine = as_wire(c.inputs[1], c.op(), "path");
    bool frenet = c.flag("frenet");
    std::vector<TopoDS_Face> faces = faces_of(merge_coplanar_faces(c.inputs[0]));
    if (faces.empty()) {
        // A wire profile sweeps to a shell (closed wire) or a sheet (open one).
        TopoDS_Wire w = as_wire(c.inputs[0], c.op(), "profile");
        require_simple(w, c.op(), "profile");
        return sweep_wire(spine, w, frenet, false, c.progress, c);
    }
    // One progress step per wire swept (outer boundaries and holes).
    int wires = 0;
    for (const TopoDS_Face& f : faces)
        for (TopExp_Explorer e(f, TopAbs_WIRE); e.More(); e.Next()) ++wires;
    Message_ProgressScope scope(c.progress, "sweep", wires);
    std::vector<TopoDS_Shape> solids;
    for (const TopoDS_Face& f : faces) {
        auto make_one = [&](const TopoDS_Wire& w) {
            require_simple(w, c.op(), "profile");
            return sweep_wire(spine, w, frenet, true, scope.Next(), c);
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
