#pragma once
// Parse an imported file's bytes (format "step" or "brep"); Error naming the
// operation and the file when they hold no shape.

#include <string>

#include <TopoDS_Shape.hxx>

namespace lazycad::detail {

TopoDS_Shape import_file(const std::string& bytes, const std::string& format, const std::string& path);

} // namespace lazycad::detail
