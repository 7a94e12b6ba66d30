#pragma once
// Model scripts: compile one .cpp into a shared object, load it, and run its
// entry. Compiled objects are cached in a per-user folder, keyed by every
// file the compiler read (its -MD list, each file's content), the compiler's
// path and version, and the flags.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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
    /// The script, as an absolute path.
    std::filesystem::path source;
    /// Where the object is cached (or was built, when it is not cached): its
    /// identity, for messages and tests. Load it with load(CompiledScript).
    std::filesystem::path object;
    /// The object through a descriptor opened from the verified folder
    /// (/proc/self/fd/N): what dlopen reads, whatever happens to the folder.
    std::filesystem::path loadable;
    bool from_cache = false; ///< true when no compiler ran
    double compile_ms = 0;
    /// Every file the compilation read (absolute paths, the compiler's order).
    std::vector<std::filesystem::path> dependencies;
    /// The user's own files among them: the script and the headers it includes
    /// that are not lazycad's, OCCT's or the system's. The viewer watches these.
    std::vector<std::filesystem::path> sources;
    /// SHA-256 hex of the sources' contents: the code custom operations are
    /// keyed by (occt.hpp).
    std::string code_fingerprint;
};

/// Compile `source` (or reuse the cached object). Compiled scripts live in
/// `script_folder_path(cache)`; with no usable cache, or a full or refused
/// folder (one warning), the object is built in a private temporary folder.
CompiledScript compile(const std::filesystem::path& source, const CacheOptions& cache);

/// The per-user folder of compiled scripts: `<cache root>/scripts-<uid>`.
/// lazycad creates it 0700 and uses it only when it is a real folder (not a
/// symbolic link) owned by this user and writable by no one else.
std::optional<std::filesystem::path> script_folder_path(const CacheOptions& cache);

/// `lazycad cache gc` and `clear` for compiled scripts: remove from this
/// user's scripts folder every compiled script (object and manifest) unused
/// for `unused_s` seconds (0: all) and every `.tmp.*` leftover of a killed
/// compile older than ten minutes. The folder itself stays, and a run going on
/// meanwhile still succeeds: it loads through a descriptor, or compiles again.
/// Returns the number of files and leftovers removed.
std::size_t remove_compiled_scripts(const CacheOptions& cache, double unused_s);

/// Load a compiled script (kept loaded for the life of the process: custom
/// operations defined in it must outlive their nodes) and return its entry.
ModelEntry load(const CompiledScript& compiled);
ModelEntry load(const std::filesystem::path& object);

/// load() + run_model() with the script's code fingerprint, so that custom
/// operations made by the script are keyed by its code. The script's
/// measurements evaluate with `eval` (see run_model).
ModelResult run_compiled(const CompiledScript& compiled,
                         const std::map<std::string, std::string>& overrides,
                         const EvalOptions* eval = nullptr);

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

/// script_location() of each of `codes`, with one addr2line per script for
/// all the addresses it has not answered before.
std::vector<std::string> script_locations(const std::vector<std::uintptr_t>& codes);

/// Remove any private temporary compile folder still present (one is normally
/// removed as soon as its object is open; the descriptor keeps it readable
/// for dlopen and script_location()). Also done at normal exit; for a process
/// that leaves through _Exit.
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
