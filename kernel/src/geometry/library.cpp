// The entry point of liblazycad-geometry (see eval/geometry_library.hpp), and
// the measurements and checks it offers the core.

#include <map>
#include <string>

#include <BRepBndLib.hxx>
#include <BRepGProp.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>

#include "eval/geometry_library.hpp"
#include "geometry/compute.hpp"
#include "geometry/import.hpp"
#include "geometry/results.hpp"
#include "io/export_formats.hpp"

namespace lazycad::detail {

namespace {

std::map<std::string, ComputeFnPtr, std::less<>>& computes() {
    static std::map<std::string, ComputeFnPtr, std::less<>> table;
    return table;
}

double volume(const TopoDS_Shape& s) {
    GProp_GProps props;
    BRepGProp::VolumeProperties(s, props, 1e-6);
    return props.Mass();
}

double area(const TopoDS_Shape& s) {
    GProp_GProps props;
    BRepGProp::SurfaceProperties(s, props, 1e-6);
    return props.Mass();
}

BoundingBox bounding_box(const TopoDS_Shape& s) {
    Bnd_Box box;
    BRepBndLib::AddOptimal(s, box, /*useTriangulation=*/false, /*useShapeTolerance=*/false);
    if (box.IsVoid()) return {};
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    return {{x0, y0, z0}, {x1, y1, z1}};
}

const GeometryLibrary library{geometry_interface_version, find_compute, is_valid_shape, invalidity,
                              volume, area, bounding_box, write_export, import_file};

} // namespace

Compute::Compute(const char* op, ComputeFnPtr fn) { computes().emplace(op, fn); }

ComputeFnPtr find_compute(std::string_view op) {
    auto it = computes().find(op);
    return it == computes().end() ? nullptr : it->second;
}

} // namespace lazycad::detail

extern "C" __attribute__((visibility("default"))) const lazycad::detail::GeometryLibrary*
lazycad_geometry_library() {
    return &lazycad::detail::library;
}
