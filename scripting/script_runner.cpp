#include "script_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "build_config.hpp"
#include "dependencies.hpp"
#include "lazycad/error.hpp"
#include "lazycad/key.hpp"
#include "private_folder.hpp"
#include "process.hpp"

namespace fs = std::filesystem;

namespace lazycad::script {

namespace {

struct Layout {
    std::string include_dir;
    std::string lib_dir;
    /// <lazycad/parts.hpp>'s folder: include_dir once installed.
    std::string parts_include_dir;
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
        if (lib.empty())
            return Layout{build::install_include_dir, build::install_lib_dir,
                          build::install_include_dir};
        if (fs::equivalent(lib, build::build_lib_dir, ec))
            return Layout{build::build_include_dir, build::build_lib_dir,
                          build::build_parts_include_dir};
        fs::path include = (lib / build::include_dir_from_lib_dir).lexically_normal();
        return Layout{include.string(), lib.string(), include.string()};
    }();
    return l;
}

/// The compiler and flags of every script compile; a precompiled header is
/// built with the same, or GCC would not use it.
std::vector<std::string> compiler_flags(const Layout& l) {
    // -O0: a script only builds the lazy graph, so it compiles fast and runs fast.
    // -g1: line tables only, for script_location().
    std::vector<std::string> flags{build::cxx_compiler,  "-std=c++20", "-fPIC",
                                   "-O0",                "-g1",        "-fvisibility=hidden",
                                   "-I" + l.include_dir, "-isystem",   build::occt_include_dir};
    if (l.parts_include_dir != l.include_dir) flags.push_back("-I" + l.parts_include_dir);
    return flags;
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
/// left it, its .gch and the .gch's dependency list in this layout's library
/// folder (the build tree makes it as a build step, an install at install
/// time), and it was made from the headers there now. GCC's -MD lists none of
/// the files behind a .gch, so without that list the precompiled header is
/// not used; and GCC does not notice a header edited after the .gch was made:
/// it would compile the script against the old text.
std::optional<fs::path> precompiled_header(const Layout& l) {
    fs::path stub = fs::path(l.lib_dir) / "lazycad-pch" / "lazycad.hpp";
    std::error_code ec;
    if (!fs::exists(stub.string() + ".gch", ec) || !fs::exists(stub.string() + ".gch.d", ec))
        return std::nullopt;
    std::ifstream in(stub.parent_path() / "headers.sha256");
    std::string made_from;
    if (!(in >> made_from) || made_from != public_headers_digest()) return std::nullopt;
    return stub;
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
                             "-Wl,--as-needed",
                             // The parts library (bolt, nut, washer): loaded
                             // by the scripts that use it.
                             "-llazycad-parts"});
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

/// The compiler's identity: its resolved path and what `--version` says.
/// Remembered in the scripts folder by the binary's size, mtime and inode, so
/// a warm run starts no process for it.
std::string compiler_identity(const PrivateFolder* folder) {
    std::error_code ec;
    fs::path exe = fs::canonical(build::cxx_compiler, ec);
    if (ec) exe = build::cxx_compiler;
    struct stat st{};
    stat(exe.c_str(), &st);
    std::string stamp = fmt::format("{}\n{} {} {} {}\n", exe.string(), st.st_size,
                                    st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ino);
    const std::string name = "compiler-" + sha256(exe.string()).hex().substr(0, 16) + ".id";
    if (folder)
        if (std::optional<std::string> saved = folder->read(name); saved && saved->starts_with(stamp))
            return *saved;
    ProcessResult r = run_process({exe.string(), "--version"});
    if (r.exit_code != 0) throw ScriptError("cannot run the compiler " + exe.string() + ":\n" + r.output);
    std::string id = stamp + r.output;
    if (folder) folder->write(name, id); // best effort: it is only a shortcut
    return id;
}

/// ccache's "manifest key": what decides the object apart from the files the
/// source includes. The source's absolute path is part of it: its folder
/// decides what `#include "x.hpp"` reads, and the object's line table names
/// it, so an error names the file that was run.
std::string base_hash(const fs::path& source, const std::string& source_text,
                      const std::string& compiler) {
    std::string all;
    auto field = [&](const std::string& s) { all += fmt::format("{}:", s.size()) + s; };
    field("lazycad-script-2");
    field(source.string());
    field(source_text);
    for (const std::string& a : compile_argv("SRC", "OUT")) field(a);
    field(compiler);
    field(build::version);
    field(std::to_string(model_abi_version));
    return sha256(all).hex();
}

/// A dependency that is the user's own code (the script and its local
/// headers), not lazycad's, OCCT's or the system's: the code fingerprint.
bool is_local(const std::string& path) {
    const Layout& l = layout();
    for (const std::string& prefix :
         {l.include_dir + "/", l.parts_include_dir + "/", l.lib_dir + "/lazycad-pch/",
          std::string(build::occt_include_dir) + "/",
          std::string("/usr/include/"), std::string("/usr/lib/"), std::string("/usr/lib64/"),
          std::string("/usr/local/include/")})
        if (path.starts_with(prefix)) return false;
    return true;
}

// Objects compiled outside the scripts folder (none usable, or a full disk)
// are built in a private temporary folder, opened, and the folder removed at
// once: the open descriptor keeps the object readable (for dlopen and
// script_location()) and --no-cache leaves nothing behind in /tmp. A folder
// still listed here when the process ends (an exception between) is removed then.
class PrivateDirs {
public:
    ~PrivateDirs() { remove_all(); }

    fs::path make() {
        std::string templ = (fs::temp_directory_path() / "lazycad-XXXXXX").string();
        if (!mkdtemp(templ.data())) throw ScriptError("cannot create a temporary folder");
        std::lock_guard lock(m_mutex);
        return *m_dirs.insert(fs::path(templ)).first;
    }

    void remove(const fs::path& dir) {
        std::lock_guard lock(m_mutex);
        if (m_dirs.erase(dir)) remove_tree(dir);
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

/// A `.tmp.*` entry older than this was left by a killed compile.
constexpr double stale_temporary_s = 600;

/// The per-user scripts folder of `cache`, verified; nullopt (with one
/// warning when it exists but is refused) when there is none to use.
std::optional<PrivateFolder> open_script_folder(const CacheOptions& cache) {
    std::optional<fs::path> dir = script_folder_path(cache);
    if (!dir) return std::nullopt;
    std::error_code ec;
    fs::create_directories(dir->parent_path(), ec);
    std::string problem;
    std::optional<PrivateFolder> folder = PrivateFolder::open(*dir, problem);
    if (!folder && !problem.empty())
        warn(fmt::format("compiled scripts: {}; the script is compiled into a private temporary "
                         "folder and not reused (remove that folder, or fix its owner and mode)",
                         problem));
    return folder;
}

/// The compiler failed for want of room or write access rather than for the
/// source: worth trying again elsewhere.
bool write_trouble(const std::string& output) {
    for (const char* s : {"No space left on device", "Disk quota exceeded", "Read-only file system",
                          "cannot open output file", "Permission denied"})
        if (output.find(s) != std::string::npos) return true;
    return false;
}

/// The files the compilation read, from GCC's dependency file(s), hashed.
/// nullopt when one cannot be read (then nothing is cached).
std::optional<std::vector<Dependency>> read_dependencies(const std::vector<std::string>& depfiles,
                                                         const std::vector<std::string>& files) {
    std::vector<Dependency> deps;
    std::set<std::string> seen;
    std::error_code ec;
    for (const std::string& depfile : depfiles) {
        std::ifstream in(depfile, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) return std::nullopt;
        std::vector<std::string> paths = parse_depfile(text.str());
        if (&depfile == &depfiles.back()) paths.insert(paths.end(), files.begin(), files.end());
        for (std::string path : paths) {
            path = fs::absolute(path, ec).lexically_normal().string();
            if (!seen.insert(path).second) continue;
            std::optional<Dependency> d = hash_dependency(path, is_local(path));
            if (!d) return std::nullopt;
            deps.push_back(std::move(*d));
        }
    }
    if (deps.empty()) return std::nullopt;
    return deps;
}

} // namespace

std::optional<fs::path> script_folder_path(const CacheOptions& cache) {
    std::optional<std::string> root = cache.enabled ? cache.resolve() : std::nullopt;
    if (!root) return std::nullopt;
    return fs::path(*root) / fmt::format("scripts-{}", geteuid());
}

std::size_t remove_compiled_scripts(const CacheOptions& cache, double unused_s) {
    std::optional<fs::path> dir = script_folder_path(cache);
    std::string problem;
    std::error_code ec;
    if (!dir || !fs::exists(fs::symlink_status(*dir, ec))) return 0;
    std::optional<PrivateFolder> folder = PrivateFolder::open(*dir, problem);
    if (!folder) {
        if (!problem.empty()) warn("compiled scripts: " + problem + "; left alone");
        return 0;
    }
    return folder->clean(stale_temporary_s, unused_s);
}

std::string compile_command(const fs::path& source, const fs::path& out) {
    std::string s;
    for (const std::string& a : compile_argv(source, out)) s += (s.empty() ? "" : " ") + a;
    return s;
}

CompiledScript compile(const fs::path& source_arg, const CacheOptions& cache) {
    auto t0 = std::chrono::steady_clock::now();
    std::error_code ec;
    fs::path source = fs::weakly_canonical(fs::absolute(source_arg), ec);
    if (ec) source = fs::absolute(source_arg);
    std::string text = read_file(source);
    std::optional<PrivateFolder> folder = open_script_folder(cache);
    const std::string base = base_hash(source, text, compiler_identity(folder ? &*folder : nullptr));
    const std::string manifest_name = base + ".manifest";

    auto finish = [&](int fd, const Manifest& m, fs::path object, bool from_cache) {
        CompiledScript out;
        out.source = source;
        out.object = std::move(object);
        out.loadable = fmt::format("/proc/self/fd/{}", fd);
        out.from_cache = from_cache;
        for (const Dependency& d : m.deps) {
            out.dependencies.push_back(d.path);
            if (d.local) out.sources.push_back(d.path);
        }
        out.code_fingerprint = code_fingerprint(m.deps);
        out.compile_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        return out;
    };

    // ccache's depend mode: the manifest lists every file the last compile
    // read; if none changed, its object is this source's object.
    if (folder) {
        folder->clean(stale_temporary_s);
        if (std::optional<std::string> bytes = folder->read(manifest_name))
            for (const Manifest& m : Manifest::decode_all(*bytes)) {
                if (!m.valid()) continue;
                int fd = folder->open_file(m.object);
                if (fd >= 0) {
                    folder->touch(m.object); // its last use, for gc
                    folder->touch(manifest_name);
                    return finish(fd, m, folder->path() / m.object, true);
                }
            }
    }

    // Compile, in a fresh `.tmp.*` folder inside the scripts folder (renamed
    // into place when done), else in a private temporary folder.
    std::string sub, trouble;
    fs::path work;
    if (folder) {
        sub = folder->make_temporary_folder();
        if (sub.empty()) trouble = std::strerror(errno);
        else work = folder->path() / sub;
    }
    auto compile_in = [&](const fs::path& dir) {
        std::vector<std::string> argv = compile_argv(source, dir / "out.so");
        argv.insert(argv.end(), {"-MD", "-MF", (dir / "out.d").string()});
        return run_process(argv);
    };
    ProcessResult r;
    std::int64_t started = now_ns();
    if (!work.empty()) {
        r = compile_in(work);
        if (r.exit_code != 0 && (write_trouble(r.output) || !fs::exists(work, ec))) {
            trouble = r.output.substr(0, r.output.find('\n'));
            folder->remove_folder(sub);
            work.clear();
        }
    }
    bool in_folder = !work.empty();
    if (!in_folder) {
        if (folder)
            warn(fmt::format("cannot compile into {} ({}); compiled into a private temporary folder",
                             folder->path().string(), trouble));
        work = private_dirs().make();
        started = now_ns();
        r = compile_in(work);
    }
    auto discard = [&] {
        if (in_folder) folder->remove_folder(sub);
        else private_dirs().remove(work);
    };
    if (r.exit_code != 0) {
        discard();
        throw ScriptError(r.output.empty() ? "the compiler failed on " + source.string() : r.output);
    }

    // GCC's list omits the precompiled header and the files behind it: they
    // are its own list, and the .gch itself (a stale one would still be used).
    std::vector<std::string> depfiles{(work / "out.d").string()}, files;
    if (std::optional<fs::path> stub = precompiled_header(layout())) {
        depfiles.push_back(stub->string() + ".gch.d");
        files.push_back(stub->string() + ".gch");
    }
    std::optional<std::vector<Dependency>> deps = read_dependencies(depfiles, files);
    Manifest m;
    if (deps) {
        std::string all = base;
        for (const Dependency& d : *deps) all += fmt::format("\n{}:{}\n{}", d.path.size(), d.path, d.hash);
        m.object = sha256(all).hex() + ".so";
        m.deps = std::move(*deps);
    } else {
        m.object = "out.so";
    }
    // A file changed while the compiler ran: the object may hold either
    // version, so it is used this once and not cached.
    bool cacheable = folder && deps &&
                     std::none_of(m.deps.begin(), m.deps.end(),
                                  [&](const Dependency& d) { return modified_since(d, started); });

    chmod((work / "out.so").c_str(), 0600);
    int fd = in_folder ? folder->open_file(sub + "/out.so")
                       : open((work / "out.so").c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        discard();
        throw ScriptError("cannot open the compiled script (was its folder removed?)");
    }
    fs::path object = work / "out.so";
    if (cacheable) {
        std::string problem = in_folder ? folder->adopt(sub, "out.so", m.object)
                                        : folder->write(m.object, read_fd(fd).value_or(""));
        if (problem.empty()) {
            // Newest first; a few older ones stay, for an edit that is undone.
            constexpr std::size_t kept = 8;
            std::vector<Manifest> entries{m};
            for (Manifest& old : Manifest::decode_all(folder->read(manifest_name).value_or("")))
                if (old.object != m.object && entries.size() < kept) entries.push_back(std::move(old));
            problem = folder->write(manifest_name, Manifest::encode_all(entries));
        }
        if (problem.empty()) object = folder->path() / m.object;
        else if (in_folder) warn("the compiled script is not cached: " + problem);
    }
    discard();
    return finish(fd, m, object, false);
}

ModelEntry load(const CompiledScript& compiled) { return load(compiled.loadable); }

ModelResult run_compiled(const CompiledScript& compiled,
                         const std::map<std::string, std::string>& overrides,
                         const EvalOptions* eval) {
    return run_model(load(compiled), overrides, compiled.code_fingerprint,
                     compiled.source.parent_path().string(), eval);
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
        // addr2line runs in another process: /proc/self would be its own.
        std::string path = object.string();
        if (path.starts_with("/proc/self/"))
            path = fmt::format("/proc/{}/{}", getpid(), path.substr(std::strlen("/proc/self/")));
        std::lock_guard lock(loaded_mutex);
        loaded_scripts.emplace(reinterpret_cast<std::uintptr_t>(info.dli_fbase), path);
    }
    if (abi() != model_abi_version)
        throw ScriptError(fmt::format("{}: compiled for model ABI {}, this lazycad has {}",
                                      object.string(), abi(), model_abi_version));
    return entry;
}

namespace {

/// addr2line's answer for one address, as "file:line" relative to the
/// working folder when inside it; "" when it does not know.
std::string as_location(std::string line) {
    line = line.substr(0, line.find(" (discriminator"));
    if (line.empty() || line.starts_with("??") || line.ends_with(":0") || line.ends_with(":?")) return "";
    std::error_code ec;
    fs::path file = line.substr(0, line.rfind(':'));
    fs::path relative = fs::relative(file, fs::current_path(ec), ec);
    if (!ec && !relative.empty() && !relative.string().starts_with(".."))
        return relative.string() + line.substr(line.rfind(':'));
    return line;
}

} // namespace

std::string script_location(std::uintptr_t code) { return script_locations({code}).front(); }

std::vector<std::string> script_locations(const std::vector<std::uintptr_t>& codes) {
    // Many nodes share a call site (a loop, a helper function): ask addr2line
    // once per address, and once per script for all the addresses not known
    // yet (a tree of a thousand rows costs one process, not a thousand).
    // Loaded scripts stay loaded, so an answer stays true.
    static std::mutex memo_mutex;
    static std::map<std::uintptr_t, std::string> memo;
    std::map<fs::path, std::vector<std::pair<std::uintptr_t, std::uintptr_t>>> asks; // object: (code, offset)
    {
        std::lock_guard lock(memo_mutex);
        for (std::uintptr_t code : codes) {
            if (memo.count(code)) continue;
            Dl_info info{};
            fs::path object;
            if (code != 0 && dladdr(reinterpret_cast<void*>(code), &info) && info.dli_fbase) {
                std::lock_guard loaded(loaded_mutex);
                if (auto it = loaded_scripts.find(reinterpret_cast<std::uintptr_t>(info.dli_fbase));
                    it != loaded_scripts.end())
                    object = it->second;
            }
            if (object.empty()) {
                memo.emplace(code, "");
                continue;
            }
            // `code` is a return address: the call is the instruction before it.
            asks[object].emplace_back(code, code - 1 - reinterpret_cast<std::uintptr_t>(info.dli_fbase));
        }
    }
    for (const auto& [object, addresses] : asks) {
        std::vector<std::string> argv{"addr2line", "-e", object.string()};
        for (const auto& a : addresses) argv.push_back(fmt::format("{:#x}", a.second));
        ProcessResult r = run_process(argv);
        std::istringstream out(r.output);
        std::lock_guard lock(memo_mutex);
        for (const auto& a : addresses) {
            std::string line;
            std::getline(out, line); // one line per address
            memo.emplace(a.first, r.exit_code == 0 ? as_location(line) : "");
        }
    }
    std::vector<std::string> where;
    std::lock_guard lock(memo_mutex);
    for (std::uintptr_t code : codes) where.push_back(memo[code]);
    return where;
}

void remove_private_objects() { private_dirs().remove_all(); }

void write_precompiled_header(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::path stub = dir / "lazycad.hpp";
    std::ofstream(stub) << "// Precompiled (lazycad.hpp.gch) for model scripts; see script_runner.hpp.\n"
                           "#include <lazycad/lazycad.hpp>\n";
    std::vector<std::string> argv = compiler_flags(layout());
    // The .gch's dependency list: scripts' own lists omit what is behind it.
    fs::remove(stub.string() + ".gch.d", ec);
    argv.insert(argv.end(), {"-x", "c++-header", stub.string(), "-o", stub.string() + ".gch", "-MD",
                             "-MF", stub.string() + ".gch.d.tmp"});
    ProcessResult r = run_process(argv);
    if (r.exit_code != 0) throw ScriptError("cannot precompile lazycad.hpp:\n" + r.output);
    fs::rename(stub.string() + ".gch.d.tmp", stub.string() + ".gch.d", ec);
    if (ec) throw ScriptError("cannot write " + stub.string() + ".gch.d: " + ec.message());
    std::ofstream(dir / "headers.sha256") << public_headers_digest() << "\n";
}

bool uses_precompiled_header() { return precompiled_header(layout()).has_value(); }

ScriptRun run_script(const fs::path& source, const std::map<std::string, std::string>& overrides,
                     const CacheOptions& cache) {
    ScriptRun run;
    run.compiled = compile(source, cache);
    EvalOptions eval;
    eval.cache = cache;
    run.model = run_compiled(run.compiled, overrides, &eval);
    return run;
}

} // namespace lazycad::script
