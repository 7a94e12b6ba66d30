// The entry point of liblazycad-geometry (see eval/geometry_library.hpp), and
// the measurements and checks it offers the core.

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include <BRepBndLib.hxx>
#include <BRepGProp.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <IntCurvesFace_ShapeIntersector.hxx>
#include <Precision.hxx>
#include <TopExp_Explorer.hxx>
#include <gp_Lin.hxx>

#include "eval/geometry_library.hpp"
#include "geometry/compute.hpp"
#include "geometry/import.hpp"
#include "geometry/integration.hpp"
#include "geometry/results.hpp"
#include "io/export_formats.hpp"

namespace lazycad::detail {

namespace {

std::map<std::string, ComputeFnPtr, std::less<>>& computes() {
    static std::map<std::string, ComputeFnPtr, std::less<>> table;
    return table;
}

double volume(const TopoDS_Shape& s) { return volume_properties(s, 1e-6, /*centre=*/false).Mass(); }

double area(const TopoDS_Shape& s) { return surface_properties(s, 1e-6, /*centre=*/false).area; }

BoundingBox bounding_box(const TopoDS_Shape& s) {
    Bnd_Box box;
    BRepBndLib::AddOptimal(s, box, /*useTriangulation=*/false, /*useShapeTolerance=*/false);
    if (box.IsVoid()) return {};
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    return {{x0, y0, z0}, {x1, y1, z1}};
}

Point center_of_mass(const TopoDS_Shape& s) {
    GProp_GProps props;
    if (TopExp_Explorer(s, TopAbs_SOLID).More()) {
        props = volume_properties(s, 1e-6, /*centre=*/true);
    } else if (TopExp_Explorer(s, TopAbs_FACE).More()) {
        const SurfaceProperties faces = surface_properties(s, 1e-6, /*centre=*/true);
        if (!(faces.area > 0)) fail("center_of_mass", "shape", "has no volume, area or length");
        return {faces.centre.X(), faces.centre.Y(), faces.centre.Z()};
    } else if (TopExp_Explorer(s, TopAbs_EDGE).More())
        BRepGProp::LinearProperties(s, props);
    else
        fail("center_of_mass", "shape", "has no solid, face or edge to measure");
    if (!(props.Mass() > 0)) fail("center_of_mass", "shape", "has no volume, area or length");
    gp_Pnt c = props.CentreOfMass();
    return {c.X(), c.Y(), c.Z()};
}

std::vector<Point> intersections(const TopoDS_Shape& s, Point origin, Vec d) {
    IntCurvesFace_ShapeIntersector hit;
    hit.Load(s, Precision::Confusion());
    hit.Perform(gp_Lin(gp_Pnt(origin.x, origin.y, origin.z), gp_Dir(d.x, d.y, d.z)),
                -Precision::Infinite(), Precision::Infinite());
    std::vector<std::pair<double, gp_Pnt>> found;
    if (hit.IsDone())
        for (int i = 1; i <= hit.NbPnt(); ++i) found.emplace_back(hit.WParameter(i), hit.Pnt(i));
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    // A line through an edge meets both faces there: one point, not two.
    std::vector<Point> out;
    double last = -Precision::Infinite();
    for (const auto& [w, p] : found) {
        if (!out.empty() && w - last < 1e-7) continue;
        out.push_back({p.X(), p.Y(), p.Z()});
        last = w;
    }
    return out;
}

const GeometryLibrary library{geometry_interface_version, find_compute, is_valid_shape, invalidity,
                              volume, area, bounding_box, center_of_mass, intersections,
                              write_export, import_file};

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
