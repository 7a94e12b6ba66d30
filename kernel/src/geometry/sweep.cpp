// Sweep of a profile along a path wire (BRepOffsetAPI_MakePipeShell).

#include <BRep_Tool.hxx>
#include <Message_ProgressScope.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Vertex.hxx>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sweeps.hpp"

namespace lazycad::detail {

namespace {

TopoDS_Shape sweep_wire(const TopoDS_Wire& spine, const TopoDS_Wire& profile, bool frenet,
                        bool solid, const Message_ProgressRange& progress, const OpContext& c) {
    std::vector<Trihedron> modes =
        frenet ? std::vector{Trihedron::frenet}
               : std::vector{Trihedron::corrected_frenet, Trihedron::discrete};
    return pipe_shell(spine, profile, modes, solid, progress, c.op());
}

const Compute sweep_compute{params::sweep::op, [](const OpContext& c) {
    TopoDS_Wire spine = as_wire(c.inputs[1], c.op(), "path");
    bool frenet = c[params::sweep::frenet];
    std::vector<TopoDS_Face> faces = faces_of(merge_coplanar_faces(c.inputs[0]));
    if (faces.empty()) {
        // A closed wire profile sweeps to a solid, as a face would (and as
        // zencad does); an open one to a sheet.
        TopoDS_Wire w = as_wire(c.inputs[0], c.op(), "profile");
        require_simple(w, c.op(), "profile");
        return sweep_wire(spine, w, frenet, BRep_Tool::IsClosed(w), c.progress, c);
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

} // namespace lazycad::detail
