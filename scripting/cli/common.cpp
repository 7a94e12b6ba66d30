#include "common.hpp"

#include <chrono>
#include <iostream>
#include <mutex>

#include <unistd.h>

#include <fmt/format.h>

namespace lazycad::cli {

EvalOptions CommonOptions::eval() const {
    EvalOptions e;
    e.cache = cache();
    e.jobs = jobs;
    e.on_progress = progress_line();
    return e;
}

std::map<std::string, std::string> CommonOptions::overrides() const {
    std::map<std::string, std::string> out;
    for (const std::string& d : defines) {
        auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0)
            throw CLI::ValidationError("-D", "expects name=value, got '" + d + "'");
        out[d.substr(0, eq)] = d.substr(eq + 1);
    }
    return out;
}

void add_common(CLI::App& app, CommonOptions& o, bool with_model) {
    if (with_model) {
        app.add_option("model", o.model, "Model script (.cpp)")->required()->check(CLI::ExistingFile);
        app.add_option("-D,--define", o.defines, "Override a script parameter: -D name=value");
        app.add_option("--timeout", o.timeout, "Stop with an error after SECONDS (a runaway script or evaluation)")
            ->check(CLI::PositiveNumber);
    }
    app.add_option("--cache-dir", o.cache_dir, "Cache folder (default: $LAZYCAD_CACHE_DIR, "
                                               "$XDG_CACHE_HOME/lazycad or ~/.cache/lazycad)");
    app.add_flag("--no-cache", o.no_cache, "Use no directory cache");
    app.add_option("-j,--jobs", o.jobs, "Worker threads (default: number of cores)");
    app.add_flag("--stats{text}", o.stats, "Print statistics; --stats=json prints one JSON line")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("-v,--verbose", o.verbose, "Say more");
}

script::ScriptRun run_model_script(const CommonOptions& o) {
    auto overrides = o.overrides();
    script::CompiledScript compiled = script::compile(o.model, o.cache());
    if (o.verbose)
        std::cerr << fmt::format("lazycad: script {} ({:.0f} ms)\n",
                                 compiled.from_cache ? "loaded from cache" : "compiled",
                                 compiled.compile_ms);
    return {compiled, script::run(compiled, overrides)};
}

void print_stats(const CommonOptions& o, const Stats& s) {
    if (o.stats == "json") std::cout << s.to_json() << std::endl;
    else if (o.stats == "text") std::cout << s.summary() << std::endl;
}

namespace {
std::mutex g_line_mutex;
bool g_line_shown = false;
} // namespace

std::function<void(const Progress&)> progress_line() {
    if (!isatty(2)) return {};
    auto start = std::chrono::steady_clock::now();
    return [start](const Progress& p) {
        if (std::chrono::steady_clock::now() - start < std::chrono::seconds(1)) return;
        std::lock_guard lock(g_line_mutex);
        std::cerr << fmt::format("\r\033[K[{}/{}] {}", p.done, p.total, p.operation) << std::flush;
        g_line_shown = true;
    };
}

void clear_progress_line() {
    std::lock_guard lock(g_line_mutex);
    if (g_line_shown) std::cerr << "\r\033[K" << std::flush;
    g_line_shown = false;
}

} // namespace lazycad::cli
