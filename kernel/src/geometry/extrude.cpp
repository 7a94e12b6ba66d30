// Linear extrusion of a face (or wire) along +Z, optionally twisted and tapered.

#include <cmath>

#include <BRepBuilderAPI_Transform.hxx>
#include <BRepOffsetAPI_ThruSections.hxx>
#include <LocOpe_DPrism.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <Message_ProgressScope.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <gp_Trsf.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/evaluate.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/extrude.hpp"

namespace lazycad::detail {

namespace {

// v2: coplanar faces (from 2D unions) are merged first, so they extrude to one solid.
const Compute extrude_compute{params::extrude::op, [](const OpContext& c) {
    require_no_solid(c.inputs[0], c.op(), "profile");
    BRepPrimAPI_MakePrism b(merge_coplanar_faces(c.inputs[0]), gp_Vec(0, 0, c[params::extrude::height]));
    return built(b, c.op());
}};

/// Each face (with its holes) extruded with drafted sides by LocOpe_DPrism,
/// whose angle narrows the profile when positive and whose height is measured
/// along the slanted side (hence / cos).
const Compute draft_extrude_compute{params::draft_extrude::op, [](const OpContext& c) {
    double height = c[params::draft_extrude::height];
    double draft = c[params::draft_extrude::draft].radians();
    require_no_solid(c.inputs[0], c.op(), "profile");
    std::vector<TopoDS_Shape> solids;
    for (const TopoDS_Face& f : require_faces(merge_coplanar_faces(c.inputs[0]), c.op(), "profile")) {
        LocOpe_DPrism prism(f, height / std::cos(draft), draft);
        if (!prism.IsDone() || prism.Shape().IsNull())
            throw Error(c.op(), "draft",
                        c.op() + ": parameter 'draft': OCCT could not draft this profile");
        solids.push_back(prism.Shape());
    }
    return group_parts(solids);
}};

/// The wire at height fraction k of the extrusion: scaled, turned, lifted.
TopoDS_Wire section(const TopoDS_Wire& w, double k, double height, double twist, double scale) {
    gp_Trsf s, r, t;
    s.SetScale(gp::Origin(), 1 + (scale - 1) * k);
    r.SetRotation(gp::OZ(), twist * k);
    t.SetTranslation(gp_Vec(0, 0, height * k));
    BRepBuilderAPI_Transform moved(w, t * r * s, /*Copy=*/true);
    return TopoDS::Wire(moved.Shape());
}

/// Sections every 10° of twist: a smooth skin through them stays within about
/// 1e-5 of the true helicoidal surfaces for profiles of unit size.
int section_count(double twist) {
    return std::max(1, int(std::ceil(std::abs(twist) / (pi / 18))));
}

const Compute linear_extrude_compute{params::linear_extrude::op, [](const OpContext& c) {
    double height = c[params::linear_extrude::height];
    double twist = c[params::linear_extrude::twist].radians();
    double scale = c[params::linear_extrude::scale];
    int n = section_count(twist);
    require_no_solid(c.inputs[0], c.op(), "profile");
    bool ruled = twist == 0; // a pure taper: planes and cones, exactly
    std::vector<TopoDS_Face> faces =
        require_faces(merge_coplanar_faces(c.inputs[0]), c.op(), "profile");
    int wires = 0; // one progress step per wire lofted
    for (const TopoDS_Face& f : faces)
        for (TopExp_Explorer e(f, TopAbs_WIRE); e.More(); e.Next()) ++wires;
    Message_ProgressScope scope(c.progress, "linear_extrude", wires);
    auto make_one = [&](const TopoDS_Wire& w) {
        BRepOffsetAPI_ThruSections loft(/*isSolid=*/true, ruled, 1e-6);
        for (int i = 0; i <= n; ++i) loft.AddWire(section(w, double(i) / n, height, twist, scale));
        loft.Build(scope.Next());
        if (scope.UserBreak()) throw Cancelled();
        check_done(loft, c.op());
        return loft.Shape();
    };
    std::vector<TopoDS_Shape> solids;
    for (const TopoDS_Face& f : faces)
        solids.push_back(solid_with_holes(f, make_one, c.op()));
    return group_parts(solids);
}};

} // namespace

} // namespace lazycad::detail
