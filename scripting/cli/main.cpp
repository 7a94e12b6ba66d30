// The `lazycad` command line. Exit codes: 0 success, 1 model or geometry
// error, 2 usage error.

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "build_config.hpp"
#include "common.hpp"
#include "crash_guard.hpp"
#include "lazycad/error.hpp"
#include "lazycad/export.hpp"
#include "lazycad/measure.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::cli;

namespace {

const char* nothing_displayed = "nothing was displayed (the script must call display(shape))";

int cmd_run(const CommonOptions& o) {
    script::RunResult run = run_pipeline(o, true);
    if (run.displayed.empty()) std::cerr << "lazycad: warning: " << nothing_displayed << "\n";
    std::cerr << fmt::format("lazycad: {} shape(s); {}\n", run.displayed.size(), run.stats.summary());
    if (o.verbose)
        for (std::size_t i = 0; i < run.results.size(); ++i) {
            const Shape& r = run.results[i].shape();
            std::string name = r.name().empty() ? fmt::format("shape {}", i + 1) : "'" + r.name() + "'";
            std::cerr << fmt::format("lazycad: {} ({}): volume {:.6g} mm3\n", name, r.operation(),
                                     volume(r, o.eval()));
        }
    print_stats(o, run.stats);
    return 0;
}

int cmd_export(const CommonOptions& o, const std::string& out, double tolerance, const std::string& part) {
    script::RunResult run = run_pipeline(o, true);
    if (run.displayed.empty()) throw Error(std::string(nothing_displayed) + ": nothing to export");
    if (!part.empty()) {
        // One displayed shape, by its .named() name or "shape N" (as -v and the viewer's Parts list say).
        std::vector<Displayed> chosen;
        std::string names;
        for (std::size_t i = 0; i < run.displayed.size(); ++i) {
            const std::string& given = run.displayed[i].shape.name();
            std::string name = given.empty() ? fmt::format("shape {}", i + 1) : given;
            if (name == part) chosen.push_back(run.displayed[i]);
            names += (names.empty() ? "" : ", ") + name;
        }
        if (chosen.empty())
            throw CLI::ValidationError("--part", fmt::format("no displayed shape is called '{}' (the script displays: {})",
                                                             part, names));
        run.displayed = std::move(chosen);
    }
    ExportOptions e;
    e.tolerance = tolerance;
    e.eval = o.eval();
    export_file(run.displayed, out, e);
    clear_progress_line();
    std::cerr << fmt::format("lazycad: wrote {} ({} shape(s))\n", out, run.displayed.size());
    print_stats(o, run.stats);
    return 0;
}

/// `lazycad params`: the script's param()s, their types and defaults (and the
/// value a -D gives), without evaluating anything.
int cmd_params(const CommonOptions& o, bool json) {
    script::RunResult run = run_pipeline(o, false);
    if (json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const ParamInfo& p : run.params)
            list.push_back({{"name", p.name},
                            {"type", p.is_string ? "string" : "number"},
                            {"default", p.default_value},
                            {"value", p.value}});
        std::cout << list.dump() << "\n";
        return 0;
    }
    if (run.params.empty()) std::cout << "(the script has no parameters)\n";
    for (const ParamInfo& p : run.params)
        std::cout << fmt::format("{:<16} {:<7} default {}{}\n", p.name, p.is_string ? "string" : "number",
                                 p.default_value, p.value == p.default_value ? "" : "  (-D: " + p.value + ")");
    return 0;
}

/// view lives in the Qt/OCCT viewer next to this program, render in
/// lazycad-render (OCCT without Qt, so that it starts quickly).
int exec_viewer(const std::string& command, int argc, char** argv) {
    fs::path self = fs::read_symlink("/proc/self/exe");
    const bool render = command == "render";
    fs::path viewer = self.parent_path() / (render ? "lazycad-render" : "lazycad-view");
    std::vector<char*> args{const_cast<char*>(viewer.c_str())};
    std::string cmd = command;
    if (!render) args.push_back(cmd.data());
    bool seen = false;
    for (int i = 1; i < argc; ++i) {
        if (!seen && command == argv[i]) {
            seen = true;
            continue;
        }
        args.push_back(argv[i]);
    }
    args.push_back(nullptr);
    execv(viewer.c_str(), args.data());
    std::cerr << "lazycad: cannot start " << viewer << " (built with LAZYCAD_BUILD_VIEWER=OFF?)\n";
    return 2;
}

const char* const commands[] = {"run", "export", "tree", "explain", "params", "view", "render", "cache"};

std::string version_text() {
    return fmt::format("lazycad {} (OpenCASCADE {})", build::version, build::occt_version);
}

} // namespace

int main(int argc, char** argv) {
    // The first word that is not an option names the command. view and render
    // live in the viewer binary; anything unknown is said plainly.
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.empty() || a[0] == '-') continue;
        if (a == "view" || a == "render") return exec_viewer(a, argc, argv);
        if (std::find(std::begin(commands), std::end(commands), a) == std::end(commands)) {
            std::cerr << fmt::format("lazycad: unknown command '{}'\ncommands: {}\n"
                                     "Run `lazycad --help` for more.\n",
                                     a, fmt::join(commands, ", "));
            return 2;
        }
        break;
    }

    CLI::App app{"lazycad: lazy, cached CAD models in C++", "lazycad"};
    app.require_subcommand(1);
    app.set_version_flag("--version", version_text());
    CommonOptions o;

    CLI::App* run = app.add_subcommand("run", "Evaluate a model and print a summary");
    add_common(*run, o, takes_all);

    CLI::App* exp = app.add_subcommand("export", "Export a model: .step .stl .brep .glb by extension");
    add_common(*exp, o, takes_all);
    std::string out;
    double tolerance = 0.01;
    exp->add_option("-o,--output", out, "Output file")
        ->required()
        ->check(CLI::Validator(
            [](std::string& path) -> std::string {
                std::string ext = fs::path(path).extension().string();
                for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
                for (const char* known : {".step", ".stp", ".stl", ".brep", ".glb"})
                    if (ext == known) return {};
                return "unknown file type '" + ext + "' (use .step, .stl, .brep or .glb)";
            },
            "FILE.{step,stl,brep,glb}"));
    exp->add_option("--tolerance", tolerance, "Mesh deflection in mm for .stl/.glb")
        ->check(CLI::PositiveNumber);
    std::string part;
    exp->add_option("--part", part, "Export only this displayed shape: its .named() name, or \"shape N\"");

    CLI::App* tree = app.add_subcommand("tree", "Print the lazy tree with each node's cache state");
    add_common(*tree, o, takes_model | takes_cache | takes_no_cache | takes_verbose);

    CLI::App* params = app.add_subcommand("params", "List the script's parameters and their defaults");
    add_common(*params, o, takes_model | takes_cache | takes_no_cache | takes_verbose);
    bool json = false;
    params->add_flag("--json", json, "Print one JSON array");

    CLI::App* cache = app.add_subcommand("cache", "Inspect, configure or clean the directory cache");
    add_common(*cache, o, takes_cache | takes_stats);
    std::string action;
    CacheArgs cache_args;
    cache->add_option("action", action,
                      "stats | ls | show REF | get REF -o FILE | gc | clear | verify | config [NAME=VALUE]")
        ->required()
        ->check(CLI::IsMember({"stats", "ls", "show", "get", "gc", "clear", "verify", "config"}));
    cache->add_option("ref", cache_args.ref,
                      "show, get: a key prefix (8+ hex digits) or MODEL.cpp:NAME; config: max_size=2G");
    cache->add_option("-o,--output", cache_args.output, "get: write the shape here (.step .stl .brep .glb)");
    cache->add_option("--max-size", cache_args.max_size_mb,
                      "gc: keep at most this many MB (default: the folder's max_size, else 1024)")
        ->check(CLI::NonNegativeNumber);
    cache->add_option("--evict-older-than", cache_args.older_than,
                      "gc: evict entries and compiled scripts unused for this long (90s, 12h, 7d, 2w)");
    cache->add_flag("-z,--zero", cache_args.zero, "stats: zero the counters");

    CLI::App* explain = app.add_subcommand("explain", "Say why each node would recompute; computes nothing");
    add_common(*explain, o, takes_model | takes_cache | takes_verbose | takes_recompute);

    app.add_subcommand("view", "Open the Qt viewer (reloads on save); lazycad view --help");
    app.add_subcommand("render", "Render a model off-screen to a PNG; lazycad render --help");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }

    // From here on user code may run: a crash in it ends with a message and exit code 1.
    script::install_crash_guard();
    if (o.timeout > 0) script::start_watchdog(o.timeout);

    auto dispatch = [&]() -> int {
        try {
            if (*run) return cmd_run(o);
            if (*exp) return cmd_export(o, out, tolerance, part);
            if (*tree) return cmd_tree(o);
            if (*params) return cmd_params(o, json);
            if (*cache) return cmd_cache(action, o, cache_args);
            if (*explain) return cmd_explain(o);
        } catch (const CLI::ValidationError& e) {
            std::cerr << "lazycad: " << e.what() << "\n";
            return 2;
        } catch (const UsageError& e) {
            std::cerr << "lazycad: " << e.what() << "\n";
            return 2;
        } catch (const RunFailed& f) {
            return f.exit_code;
        } catch (const Error& e) {
            clear_progress_line();
            std::cerr << script::describe(e) << "\n";
            return 1;
        } catch (const std::exception& e) {
            clear_progress_line();
            std::cerr << "lazycad: error: " << e.what() << "\n";
            return 1;
        }
        return 2;
    };
    int rc = dispatch();
    // Everything is written (cache entries are complete files once stored), so
    // skip the destructors: freeing a large model and its memory cache shape by
    // shape would only delay the exit.
    script::remove_private_objects();
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(rc);
}
