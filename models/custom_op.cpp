// A custom lazy operation (evalcache's `@lazy`): wrap your own OCCT code as a
// cached node. Here: a non-uniform scale (lazycad has none) that turns a sphere
// into an ellipsoid, used as the dome of a knob.
//
//   lazycad run models/custom_op.cpp --stats=json -D stretch=1.5
//
// The key covers the name, the version string, the parameters, the input
// shapes' keys and the code of this script (a fingerprint of this file and the
// local headers it includes): edit the function and it is recomputed, with
// the nodes built from it; everything else comes from the cache. To keep the
// results across a refactor you vouch for, pin the version: pinned("1").
#include <lazycad/lazycad.hpp>
#include <lazycad/occt.hpp>

#include <BRepBuilderAPI_GTransform.hxx>
#include <gp_GTrsf.hxx>

using namespace lazycad;

namespace {

/// Plain OCCT: scale the input by (kx, ky, kz) about the origin.
TopoDS_Shape scale_xyz_occt(const std::vector<TopoDS_Shape>& inputs, const Params& params) {
    gp_GTrsf t;
    for (int axis = 1; axis <= 3; ++axis)
        t.SetValue(axis, axis, params[axis - 1].value.as<double>());
    BRepBuilderAPI_GTransform b(inputs.at(0), t, /*copy=*/true);
    return b.Shape();
}

/// The lazy wrapper: returns a Shape at once, computes on demand, caches.
Shape scale_xyz(const Shape& s, double kx, double ky, double kz) {
    return custom_operation("scale_xyz", "1", {{"kx", kx}, {"ky", ky}, {"kz", kz}}, {s},
                            scale_xyz_occt);
}

} // namespace

LAZYCAD_MODEL() {
    double r = param("radius", 10.0);
    double stretch = param("stretch", 0.6);
    // Upper half of an ellipsoid (radius r, height stretch·r) on a short cylinder.
    Shape dome = scale_xyz(sphere(r), 1, 1, stretch) ^ box(2 * r, 2 * r, r, true).up(r / 2);
    Shape knob = cylinder(r, r / 2).down(r / 2) + dome;
    knob = hole(knob, HoleSpec::blind(4, r / 2), {0, 0, -r / 2}, {0, 0, 1});
    display(knob, color::brass);
}
