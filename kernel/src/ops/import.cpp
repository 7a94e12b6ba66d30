// import_step / import_brep: the file is read and hashed when the node is
// made (its SHA-256 is the key's only parameter); the geometry library parses
// the bytes kept in the node when the shape is first needed.

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "eval/geometry_library.hpp"
#include "graph/node.hpp"
#include "graph/origin.hpp"
#include "lazycad/error.hpp"
#include "lazycad/import.hpp"
#include "model/run_context.hpp"
#include "params/import.hpp"

namespace lazycad {

namespace {

Shape import_file(const char* op, const std::string& format, const std::string& path) {
    auto fail = [&](const std::string& why) {
        Error e(op, "path", fmt::format("{}: parameter 'path' {}: {}", op, why, path));
        e.set_origin(detail::calling_code());
        throw e;
    };
    if (path.empty()) fail("must name a file");
    std::filesystem::path p = path;
    if (p.is_relative()) {
        std::string folder = detail::current_script_folder();
        if (!folder.empty()) p = std::filesystem::path(folder) / p;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) fail("names no file");
    std::ifstream in(p, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) fail("cannot be read");
    auto content = std::make_shared<const std::string>(bytes.str());
    if (content->empty()) fail("is an empty file");
    std::string where = p.string();
    detail::ComputeFn parse = [content, format, where](const detail::OpContext&) {
        return detail::geometry().import_file(*content, format, where);
    };
    // The content's hash, not the path, is the key: a moved file is the same
    // part, an edited one a new part.
    return detail::make_node(op, 1, detail::Cost::expensive, true, std::move(parse),
                             {detail::params::import_file::sha256(sha256(*content).hex())}, {});
}

} // namespace

Shape import_step(const std::string& path) {
    return import_file(detail::params::import_file::step_op, "step", path);
}
Shape import_brep(const std::string& path) {
    return import_file(detail::params::import_file::brep_op, "brep", path);
}

} // namespace lazycad
