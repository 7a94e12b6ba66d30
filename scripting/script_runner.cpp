#include "script_runner.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <dlfcn.h>
#include <unistd.h>

#include <fmt/format.h>

#include "build_config.hpp"
#include "lazycad/error.hpp"
#include "lazycad/key.hpp"
#include "process.hpp"

namespace fs = std::filesystem;

namespace lazycad::script {

namespace {

struct Layout {
    std::string include_dir;
    std::string lib_dir;
};

/// Build tree or installed prefix: decided by where liblazycad was loaded from.
/// Installed headers are found relative to that library, not at the configured
/// prefix, so `cmake --install --prefix DIR` (or a moved install) works.
const Layout& layout() {
    static const Layout l = [] {
        Dl_info info{};
        fs::path lib;
        if (dladdr(reinterpret_cast<void*>(&lazycad::run_model), &info) && info.dli_fname)
            lib = fs::weakly_canonical(info.dli_fname).parent_path();
        std::error_code ec;
        if (lib.empty()) return Layout{build::install_include_dir, build::install_lib_dir};
        if (fs::equivalent(lib, build::build_lib_dir, ec))
            return Layout{build::build_include_dir, build::build_lib_dir};
        fs::path include = (lib / build::include_dir_from_lib_dir).lexically_normal();
        return Layout{include.string(), lib.string()};
    }();
    return l;
}

/// The compiler and flags of every script compile; a precompiled header is
/// built with the same, or GCC would not use it.
std::vector<std::string> compiler_flags(const Layout& l) {
    // -O0: a script only builds the lazy graph, so it compiles fast and runs fast.
    // -g1: line tables only, for script_location().
    return {build::cxx_compiler,   "-std=c++20",         "-fPIC",
            "-O0",                 "-g1",                "-fvisibility=hidden",
            "-I" + l.include_dir,  "-isystem",           build::occt_include_dir};
}

std::string read_file(const fs::path& p);

/// SHA-256 over the names and text of lazycad's public headers in this layout.
const std::string& public_headers_digest() {
    static const std::string digest = [] {
        std::vector<fs::path> headers;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(fs::path(layout().include_dir) / "lazycad", ec))
            headers.push_back(e.path());
        std::sort(headers.begin(), headers.end());
        std::string all;
        for (const fs::path& h : headers) {
            std::string name = h.filename().string(), text = read_file(h);
            all += fmt::format("{}:{}{}:{}", name.size(), name, text.size(), text);
        }
        return sha256(all).hex();
    }();
    return digest;
}

/// The stub that includes <lazycad/lazycad.hpp>, if write_precompiled_header()
/// left it and its .gch in this layout's library folder (the build tree makes
/// it as a build step, an install at install time) and it was made from the
/// headers there now. GCC does not notice a header edited after the .gch was
/// made: it would compile the script against the old text.
std::optional<fs::path> precompiled_header(const Layout& l) {
    fs::path dir = fs::path(l.lib_dir) / "lazycad-pch";
    std::error_code ec;
    if (!fs::exists(dir / "lazycad.hpp.gch", ec)) return std::nullopt;
    std::ifstream in(dir / "headers.sha256");
    std::string made_from;
    if (!(in >> made_from) || made_from != public_headers_digest()) return std::nullopt;
    return dir / "lazycad.hpp";
}

std::vector<std::string> compile_argv(const fs::path& source, const fs::path& out) {
    const Layout& l = layout();
    std::vector<std::string> argv = compiler_flags(l);
    // GCC reads stub.gch instead of the stub (or, if that no longer matches, the
    // stub itself); the script's own #include of lazycad.hpp is then a no-op.
    if (std::optional<fs::path> stub = precompiled_header(l))
        argv.insert(argv.end(), {"-include", stub->string()});
    argv.insert(argv.end(), {"-shared",
                             source.string(),
                             "-o",
                             out.string(),
                             "-L" + l.lib_dir,
                             "-llazycad",
                             "-Wl,-rpath," + l.lib_dir,
                             "-L" + std::string(build::occt_library_dir),
                             "-Wl,--as-needed"});
    std::istringstream toolkits(build::occt_toolkits);
    for (std::string tk; toolkits >> tk;) argv.push_back("-l" + tk);
    return argv;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw ScriptError(fmt::format("cannot read script {}", p.string()));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Hash of everything that decides the compiled object: the source, the
/// compiler and flags, lazycad's version and the text of its public headers.
std::string object_hash(const std::string& source_text) {
    std::string all;
    auto field = [&](const std::string& s) { all += fmt::format("{}:", s.size()) + s; };
    field(source_text);
    for (const std::string& a : compile_argv("SRC", "OUT")) field(a);
    field(build::version);
    field(public_headers_digest());
    return sha256(all).hex();
}

// Without a usable cache each compiled object gets a private folder of its
// own. It stays until remove_private_objects() (the CLI calls it before it
// exits) or the end of the process, so that script_location() can still read
// the object's line table; --no-cache leaves nothing behind in /tmp.
class PrivateDirs {
public:
    ~PrivateDirs() { remove_all(); }

    fs::path make() {
        std::string templ = (fs::temp_directory_path() / "lazycad-XXXXXX").string();
        if (!mkdtemp(templ.data())) throw ScriptError("cannot create a temporary folder");
        std::lock_guard lock(m_mutex);
        return *m_dirs.insert(fs::path(templ)).first;
    }

    /// Remove the private folder `object` is in, if it is one.
    void remove_holding(const fs::path& object) {
        std::lock_guard lock(m_mutex);
        if (m_dirs.erase(object.parent_path())) remove_tree(object.parent_path());
    }

    void remove_all() {
        std::lock_guard lock(m_mutex);
        for (const fs::path& dir : m_dirs) remove_tree(dir);
        m_dirs.clear();
    }

private:
    static void remove_tree(const fs::path& dir) {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    std::mutex m_mutex;
    std::set<fs::path> m_dirs;
};

PrivateDirs& private_dirs() {
    static PrivateDirs dirs;
    return dirs;
}

// Loaded scripts by load address, for script_location().
std::mutex loaded_mutex;
std::map<std::uintptr_t, fs::path> loaded_scripts;

} // namespace

std::string compile_command(const fs::path& source, const fs::path& out) {
    std::string s;
    for (const std::string& a : compile_argv(source, out)) s += (s.empty() ? "" : " ") + a;
    return s;
}

CompiledScript compile(const fs::path& source, const CacheOptions& cache) {
    auto t0 = std::chrono::steady_clock::now();
    std::string text = read_file(source);
    std::string hash = object_hash(text);

    fs::path dir;
    std::error_code ec;
    if (std::optional<std::string> root = cache.enabled ? cache.resolve() : std::nullopt) {
        dir = fs::path(*root) / "scripts";
        fs::create_directories(dir, ec);
        if (ec || access(dir.c_str(), W_OK) != 0) dir.clear();
    }
    if (dir.empty()) dir = private_dirs().make();
    fs::path object = dir / (hash + ".so");

    CompiledScript out{object, true, 0};
    if (!fs::exists(object, ec)) {
        // Compile to a temporary name, then rename: concurrent runs never load half a file.
        fs::path tmp = dir / fmt::format(".tmp.{}.{}.so", getpid(), hash.substr(0, 16));
        ProcessResult r = run_process(compile_argv(fs::absolute(source), tmp));
        if (r.exit_code != 0) {
            fs::remove(tmp, ec);
            private_dirs().remove_holding(object);
            throw ScriptError(r.output.empty() ? "the compiler failed on " + source.string()
                                               : r.output);
        }
        fs::rename(tmp, object, ec);
        if (ec) throw ScriptError("cannot place compiled script at " + object.string());
        out.from_cache = false;
    }
    out.compile_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

ModelEntry load(const fs::path& object) {
    void* handle = dlopen(object.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw ScriptError(fmt::format("cannot load {}: {}", object.string(), dlerror()));
    auto abi = reinterpret_cast<int (*)()>(dlsym(handle, "lazycad_model_abi"));
    auto entry = reinterpret_cast<ModelEntry>(dlsym(handle, "lazycad_model_main"));
    if (!abi || !entry)
        throw ScriptError(object.string() + ": no LAZYCAD_MODEL() entry in the script");
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(entry), &info) && info.dli_fbase) {
        std::lock_guard lock(loaded_mutex);
        loaded_scripts[reinterpret_cast<std::uintptr_t>(info.dli_fbase)] = object;
    }
    if (abi() != model_abi_version)
        throw ScriptError(fmt::format("{}: compiled for model ABI {}, this lazycad has {}",
                                      object.string(), abi(), model_abi_version));
    return entry;
}

std::string script_location(std::uintptr_t code) {
    Dl_info info{};
    if (code == 0 || !dladdr(reinterpret_cast<void*>(code), &info) || !info.dli_fbase) return "";
    const auto base = reinterpret_cast<std::uintptr_t>(info.dli_fbase);
    fs::path object;
    {
        std::lock_guard lock(loaded_mutex);
        auto it = loaded_scripts.find(base);
        if (it == loaded_scripts.end()) return "";
        object = it->second;
    }
    // `code` is a return address: the call is the instruction before it.
    ProcessResult r = run_process({"addr2line", "-e", object.string(), fmt::format("{:#x}", code - 1 - base)});
    std::string line = r.output.substr(0, r.output.find('\n'));
    line = line.substr(0, line.find(" (discriminator"));
    if (r.exit_code != 0 || line.empty() || line.starts_with("??") || line.ends_with(":0") ||
        line.ends_with(":?"))
        return "";
    std::error_code ec;
    fs::path file = line.substr(0, line.rfind(':'));
    fs::path relative = fs::relative(file, fs::current_path(ec), ec);
    if (!ec && !relative.empty() && !relative.string().starts_with(".."))
        return relative.string() + line.substr(line.rfind(':'));
    return line;
}

void remove_private_objects() { private_dirs().remove_all(); }

void write_precompiled_header(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::path stub = dir / "lazycad.hpp";
    std::ofstream(stub) << "// Precompiled (lazycad.hpp.gch) for model scripts; see script_runner.hpp.\n"
                           "#include <lazycad/lazycad.hpp>\n";
    std::vector<std::string> argv = compiler_flags(layout());
    argv.insert(argv.end(), {"-x", "c++-header", stub.string(), "-o", stub.string() + ".gch"});
    ProcessResult r = run_process(argv);
    if (r.exit_code != 0) throw ScriptError("cannot precompile lazycad.hpp:\n" + r.output);
    std::ofstream(dir / "headers.sha256") << public_headers_digest() << "\n";
}

bool uses_precompiled_header() { return precompiled_header(layout()).has_value(); }

ScriptRun run_script(const fs::path& source, const std::map<std::string, std::string>& overrides,
                     const CacheOptions& cache) {
    ScriptRun run;
    run.compiled = compile(source, cache);
    run.model = run_model(load(run.compiled.object), overrides);
    return run;
}

} // namespace lazycad::script
