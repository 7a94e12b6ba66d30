#pragma once
// Model scripts: compile one .cpp into a shared object (cached by a hash of
// source, flags and lazycad's headers), load it, and run its entry.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "lazycad/evaluate.hpp"
#include "lazycad/model.hpp"

namespace lazycad::script {

/// A script that did not compile or load. `what()` holds the compiler's
/// diagnostics (file:line:col: error: ...).
class ScriptError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CompiledScript {
    std::filesystem::path object; ///< the shared object
    bool from_cache = false;      ///< true when no compiler ran
    double compile_ms = 0;
};

/// Compile `source` (or reuse the cached object). With no usable cache the
/// object goes to a private temporary folder.
CompiledScript compile(const std::filesystem::path& source, const CacheOptions& cache);

/// Load a compiled script (kept loaded for the life of the process: custom
/// operations defined in it must outlive their nodes) and return its entry.
ModelEntry load(const std::filesystem::path& object);

/// compile + load + run_model. Throws ScriptError or lazycad::Error.
struct ScriptRun {
    CompiledScript compiled;
    ModelResult model;
};
ScriptRun run_script(const std::filesystem::path& source,
                     const std::map<std::string, std::string>& overrides,
                     const CacheOptions& cache);

/// "file:line" of `code` (Error::origin()) when it lies in a script loaded by
/// load(), read from the script's line table with addr2line; "" otherwise.
/// The file is relative to the working folder when inside it.
std::string script_location(std::uintptr_t code);

/// Remove the objects compiled without a cache (they are kept until then for
/// script_location()). Also done at normal exit; for a process that leaves
/// through _Exit.
void remove_private_objects();

/// Precompile <lazycad/lazycad.hpp> into DIR (lazycad.hpp, its .gch and the
/// digest of the headers it was made from) with the flags scripts compile
/// with. Scripts use it when DIR is `lazycad-pch` in the library folder they
/// link and the headers there are unchanged; it saves about half of each
/// script compile. The build tree makes it as a build step (lazycad-pch), an
/// install when it is installed (`cmake --install`).
void write_precompiled_header(const std::filesystem::path& dir);

/// Whether scripts compile from the precompiled header (for `-v` and tests).
bool uses_precompiled_header();

/// The compiler command line used for scripts (for `-v` and the docs).
std::string compile_command(const std::filesystem::path& source, const std::filesystem::path& out);

} // namespace lazycad::script
