// Parsing imported files (ops/import.cpp keeps their bytes in the node).

#include <sstream>

#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <BinTools.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <STEPControl_Reader.hxx>
#include <fmt/format.h>

#include "geometry/import.hpp"
#include "lazycad/error.hpp"

namespace lazycad::detail {

TopoDS_Shape import_file(const std::string& bytes, const std::string& format, const std::string& path) {
    const char* op = format == "step" ? "import_step" : "import_brep";
    auto fail = [&](const std::string& why) {
        return Error(op, "path", fmt::format("{}: {} {}", op, path, why));
    };
    TopoDS_Shape shape;
    std::istringstream in(bytes);
    if (format == "step") {
        STEPControl_Reader reader;
        if (reader.ReadStream(path.c_str(), in) != IFSelect_RetDone)
            throw fail("is not a STEP file OCCT can read");
        if (reader.TransferRoots() == 0) throw fail("holds no shape");
        shape = reader.OneShape();
    } else if (bytes.rfind("Open CASCADE Topology V", 0) == 0 ||
               bytes.find("CASCADE Topology V") < 64) {
        BRep_Builder builder;
        BRepTools::Read(shape, in, builder);
    } else {
        BinTools::Read(shape, in);
    }
    if (shape.IsNull()) throw fail("holds no shape");
    return shape;
}

} // namespace lazycad::detail
