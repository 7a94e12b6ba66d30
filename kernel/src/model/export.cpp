// export_file(): checks its arguments here, so that a wrong one costs nothing,
// and writes through the geometry library (STEP, STL, BREP and glTF writers).

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "eval/geometry_library.hpp"
#include "eval/occt_setup.hpp"
#include "lazycad/error.hpp"
#include "lazycad/export.hpp"

namespace lazycad {

void export_file(const std::vector<Displayed>& shapes, const std::string& path,
                 const ExportOptions& options) {
    if (shapes.empty()) throw Error("export", "shapes", "export: the model displays no shape");
    if (!(options.tolerance > 0))
        throw Error("export", "tolerance",
                    fmt::format("export: parameter 'tolerance' must be positive (got {})",
                                options.tolerance));
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (ext != ".step" && ext != ".stp" && ext != ".stl" && ext != ".brep" && ext != ".glb")
        throw Error("export", "path",
                    "export: unknown file type '" + ext + "' (use .step, .stl, .brep or .glb)");
    detail::guarded_occt("export", [&] { detail::geometry().export_file(shapes, path, ext, options); });
}

} // namespace lazycad
