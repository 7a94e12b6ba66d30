#include "lazycad/measure.hpp"

#include <BRepBndLib.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepGProp.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <TopExp_Explorer.hxx>

#include "lazycad/occt.hpp"

namespace lazycad {

double volume(const Shape& s, const EvalOptions& o) {
    GProp_GProps props;
    BRepGProp::VolumeProperties(occt_shape(s, o), props, 1e-6);
    return props.Mass();
}

double area(const Shape& s, const EvalOptions& o) {
    GProp_GProps props;
    BRepGProp::SurfaceProperties(occt_shape(s, o), props, 1e-6);
    return props.Mass();
}

BoundingBox bounding_box(const Shape& s, const EvalOptions& o) {
    Bnd_Box box;
    BRepBndLib::AddOptimal(occt_shape(s, o), box, /*useTriangulation=*/false,
                           /*useShapeTolerance=*/false);
    if (box.IsVoid()) return {};
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    return {{x0, y0, z0}, {x1, y1, z1}};
}

bool is_valid(const Shape& s, const EvalOptions& o) {
    return BRepCheck_Analyzer(occt_shape(s, o)).IsValid();
}

int solid_count(const Shape& s, const EvalOptions& o) {
    int n = 0;
    for (TopExp_Explorer e(occt_shape(s, o), TopAbs_SOLID); e.More(); e.Next()) ++n;
    return n;
}

} // namespace lazycad
