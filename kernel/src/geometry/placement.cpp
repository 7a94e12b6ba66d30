// The plane of a selected face ("plane_of") and the rigid move onto a plane
// ("place"); their arguments are checked in ops/placement.cpp.

#include <BRepAdaptor_Surface.hxx>
#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <TopLoc_Location.hxx>
#include <TopoDS.hxx>
#include <gp_Ax3.hxx>
#include <gp_Trsf.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/moved.hpp"
#include "geometry/results.hpp"
#include "geometry/selection_eval.hpp"
#include "ops/frame.hpp"
#include "params/placement.hpp"

namespace lazycad::detail {

namespace {

gp_Ax3 frame(Point o, Vec n, Vec x) {
    return gp_Ax3(gp_Pnt(o.x, o.y, o.z), gp_Dir(n.x, n.y, n.z), gp_Dir(x.x, x.y, x.z));
}

/// The frame of a planar face: its centre of mass, its outward normal (the
/// face's orientation in the solid), x by the rule of Plane(origin, normal).
gp_Ax3 face_frame(const TopoDS_Face& f) {
    BRepAdaptor_Surface s(f);
    gp_Dir d = s.Plane().Axis().Direction();
    if (f.Orientation() == TopAbs_REVERSED) d.Reverse();
    GProp_GProps props;
    BRepGProp::SurfaceProperties(f, props);
    gp_Pnt c = props.CentreOfMass();
    Vec n{d.X(), d.Y(), d.Z()};
    return frame({c.X(), c.Y(), c.Z()}, n, default_x_dir(n));
}

const Compute plane_of_compute{params::plane_of::op, [](const OpContext& c) -> TopoDS_Shape {
    std::vector<TopoDS_Face> found =
        select_faces(c.inputs[0], c[params::plane_of::face], c.op(), "face");
    if (found.size() != 1)
        fail(c.op(), "face",
             fmt::format("selection '{}' matched {} faces; a plane needs exactly one",
                         describe_faces(c[params::plane_of::face]), found.size()));
    if (BRepAdaptor_Surface(found[0]).GetType() != GeomAbs_Plane)
        fail(c.op(), "face",
             fmt::format("selection '{}' matched a face that is not planar",
                         describe_faces(c[params::plane_of::face])));
    return found[0];
}};

const Compute place_compute{params::place::op, [](const OpContext& c) {
    gp_Trsf t;
    t.SetDisplacement(gp_Ax3(), frame(c[params::place::origin], c[params::place::normal],
                                      c[params::place::x_dir]));
    if (c.inputs.size() > 1) { // a plane of a face: the frame is relative to the face's
        gp_Trsf g;
        g.SetDisplacement(gp_Ax3(), face_frame(TopoDS::Face(c.inputs[1])));
        t = g * t;
    }
    if (c[params::place::inverse]) t.Invert();
    return moved(c.inputs[0], t);
}};

} // namespace

} // namespace lazycad::detail
