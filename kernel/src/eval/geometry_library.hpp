#pragma once
// The geometry library, liblazycad-geometry: every built-in operation's
// compute function, measurements, validity checks and file export, that is,
// everything that needs OCCT's modeling, meshing and data-exchange toolkits.
// liblazycad loads it the first time something must be computed, measured
// or exported, so a run served from the cache starts with the few toolkits
// BinTools needs instead of some sixty libraries, each relocated at load
// (Debian builds OCCT with BIND_NOW).

#include <string>
#include <string_view>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "graph/node.hpp"
#include "lazycad/export.hpp"
#include "lazycad/geometry.hpp"

namespace lazycad::detail {

struct GeometryLibrary {
    /// Must equal geometry_interface_version: the library and liblazycad come
    /// from the same build.
    unsigned interface_version;
    /// The compute function of built-in operation `op`, or nullptr.
    ComputeFnPtr (*compute)(std::string_view op);
    /// BRepCheck_Analyzer's verdict; an OCCT failure while checking is false.
    bool (*is_valid)(const TopoDS_Shape&);
    /// The validity policy's check (eval/validity.hpp): why the shape must not
    /// leave lazycad (BRepCheck, solids of positive volume), empty if it may.
    std::string (*invalidity)(const TopoDS_Shape&);
    double (*volume)(const TopoDS_Shape&);
    double (*area)(const TopoDS_Shape&);
    BoundingBox (*bounding_box)(const TopoDS_Shape&);
    /// Of the volume, else the area, else the length; Error if it has none.
    Point (*center_of_mass)(const TopoDS_Shape&);
    /// Where the line meets the faces, ordered along `direction`.
    std::vector<Point> (*intersections)(const TopoDS_Shape&, Point origin, Vec direction);
    /// export_file() past its argument checks; `ext` is the lower-case extension.
    void (*export_file)(const std::vector<Displayed>& shapes, const std::string& path,
                        const std::string& ext, const ExportOptions& options);
    /// import_step / import_brep: parse a file's bytes ("step" or "brep").
    TopoDS_Shape (*import_file)(const std::string& bytes, const std::string& format,
                                const std::string& path);
};

inline constexpr unsigned geometry_interface_version = 4;
/// The C symbol through which the library hands out its GeometryLibrary.
inline constexpr const char* geometry_entry_point = "lazycad_geometry_library";

/// The geometry library, loaded once from the folder liblazycad was loaded
/// from. Thread-safe. Throws Error naming the file if it cannot be loaded.
const GeometryLibrary& geometry();

/// What a compute function of `op` is: the custom function of the node, else
/// the geometry library's. Throws Error if the library has none.
ComputeFn compute_function(const Node& node);

} // namespace lazycad::detail
