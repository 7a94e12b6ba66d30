#include "eval/geometry_library.hpp"

#include <filesystem>

#include <dlfcn.h>

#include <fmt/format.h>

#include "lazycad/error.hpp"

namespace fs = std::filesystem;

namespace lazycad::detail {

namespace {

[[noreturn]] void unusable(const fs::path& file, const std::string& why) {
    throw Error("geometry", "",
                fmt::format("lazycad: cannot use the geometry library {}: {}", file.string(), why));
}

const GeometryLibrary& load() {
    Dl_info self{};
    if (!dladdr(reinterpret_cast<void*>(&geometry), &self) || !self.dli_fname)
        throw Error("geometry", "", "lazycad: cannot tell where liblazycad was loaded from");
    fs::path file = fs::path(self.dli_fname).parent_path() / LAZYCAD_GEOMETRY_FILE;
    // Never closed: its compute functions and OCCT's handles outlive any caller.
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) unusable(file, dlerror());
    auto entry = reinterpret_cast<const GeometryLibrary* (*)()>(dlsym(handle, geometry_entry_point));
    if (!entry) unusable(file, fmt::format("it has no {}()", geometry_entry_point));
    const GeometryLibrary* library = entry();
    if (library->interface_version != geometry_interface_version)
        unusable(file, fmt::format("interface version {}, this liblazycad needs {}",
                                   library->interface_version, geometry_interface_version));
    return *library;
}

} // namespace

const GeometryLibrary& geometry() {
    static const GeometryLibrary& library = load(); // a failed load is retried next call
    return library;
}

ComputeFn compute_function(const Node& node) {
    if (node.compute) return node.compute;
    if (ComputeFnPtr fn = geometry().compute(node.op)) return fn;
    throw Error(node.op, "",
                node.op + ": the geometry library has no compute function for this operation");
}

} // namespace lazycad::detail
