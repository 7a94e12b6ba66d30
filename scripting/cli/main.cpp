// The `lazycad` command line. Exit codes: 0 success, 1 model or geometry
// error, 2 usage error.

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "common.hpp"
#include "crash_guard.hpp"
#include "lazycad/error.hpp"
#include "lazycad/export.hpp"
#include "lazycad/measure.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::cli;

namespace {

int cmd_run(const CommonOptions& o) {
    script::ScriptRun run = run_model_script(o);
    std::vector<Shape> roots;
    for (const Displayed& d : run.model.shapes) roots.push_back(d.shape);
    Stats s = evaluate(roots, o.eval());
    clear_progress_line();
    std::cerr << fmt::format("lazycad: {} shape(s); {}\n", roots.size(), s.summary());
    if (o.verbose) // from memory now: lets a user (and the tests) compare results across runs
        for (std::size_t i = 0; i < roots.size(); ++i)
            std::cerr << fmt::format("lazycad: shape {} ({}): volume {:.6f} mm3\n", i + 1,
                                     roots[i].operation(), volume(roots[i], o.eval()));
    print_stats(o, s);
    return 0;
}

int cmd_export(const CommonOptions& o, const std::string& out, double tolerance) {
    script::ScriptRun run = run_model_script(o);
    ExportOptions e;
    e.tolerance = tolerance;
    e.eval = o.eval();
    std::vector<Shape> roots;
    for (const Displayed& d : run.model.shapes) roots.push_back(d.shape);
    Stats s = evaluate(roots, e.eval);
    export_file(run.model.shapes, out, e);
    clear_progress_line();
    std::cerr << fmt::format("lazycad: wrote {} ({} shape(s))\n", out, roots.size());
    print_stats(o, s);
    return 0;
}

/// view and render live in the Qt/OCCT viewer binary next to this one.
int exec_viewer(const std::string& command, int argc, char** argv) {
    fs::path self = fs::read_symlink("/proc/self/exe");
    fs::path viewer = self.parent_path() / "lazycad-view";
    std::vector<char*> args{const_cast<char*>(viewer.c_str())};
    std::string cmd = command;
    args.push_back(cmd.data());
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

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "view" || a == "render") return exec_viewer(a, argc, argv);
        if (!a.empty() && a[0] != '-') break;
    }

    CLI::App app{"lazycad: lazy, cached CAD models in C++ (view, render: see lazycad-view --help)"};
    app.require_subcommand(1);
    CommonOptions o;

    CLI::App* run = app.add_subcommand("run", "Evaluate a model and print a summary");
    add_common(*run, o, true);

    CLI::App* exp = app.add_subcommand("export", "Export a model: .step .stl .brep .glb by extension");
    add_common(*exp, o, true);
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

    CLI::App* tree = app.add_subcommand("tree", "Print the lazy tree with each node's cache state");
    add_common(*tree, o, true);

    CLI::App* cache = app.add_subcommand("cache", "Inspect or clean the directory cache");
    add_common(*cache, o, false);
    std::string action;
    double max_size_mb = 1024;
    cache->add_option("action", action, "stats | ls | gc | clear | verify")
        ->required()
        ->check(CLI::IsMember({"stats", "ls", "gc", "clear", "verify"}));
    cache->add_option("--max-size", max_size_mb, "gc: keep at most this many MB (default 1024)");

    app.add_subcommand("view", "Open the Qt viewer (reloads on save)");
    app.add_subcommand("render", "Render a model off-screen to a PNG");

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
            if (*exp) return cmd_export(o, out, tolerance);
            if (*tree) return cmd_tree(o);
            if (*cache) return cmd_cache(action, o, max_size_mb);
        } catch (const CLI::ValidationError& e) {
            std::cerr << "lazycad: " << e.what() << "\n";
            return 2;
        } catch (const script::ScriptError& e) {
            clear_progress_line();
            std::cerr << e.what() << (std::string(e.what()).ends_with("\n") ? "" : "\n")
                      << "lazycad: the script did not compile\n";
            return 1;
        } catch (const Error& e) {
            clear_progress_line();
            // "file:line: error: ..." as a compiler says it, when the failing
            // operation was made by a line of the script.
            std::string where = script::script_location(e.origin());
            std::cerr << (where.empty() ? "lazycad" : where) << ": error: " << e.what() << "\n";
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
