#include "common.hpp"

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

#include "model_options.hpp"

namespace lazycad::cli {

EvalOptions CommonOptions::eval() const {
    EvalOptions e;
    e.cache = cache();
    e.jobs = jobs;
    e.on_progress = progress_line();
    e.recompute = recompute;
    return e;
}

std::map<std::string, std::string> CommonOptions::overrides() const {
    return script::parse_defines(defines);
}

void add_common(CLI::App& app, CommonOptions& o, unsigned takes) {
    if (takes & takes_model) {
        app.add_option("model", o.model, "Model script (.cpp)")->required()->check(script::model_script_check());
        app.add_option("-D,--define", o.defines, "Override a script parameter: -D name=value");
        if (takes & (takes_jobs | takes_recompute)) // the commands that evaluate, and explain
            app.add_option("--recompute", o.recompute,
                           "Compute the node named NAME (.named) whatever the caches hold; repeatable");
        app.add_option("--override", o.replace,
                       "Replace the node named NAME by FILE (.brep .step, or cache:KEYPREFIX); repeatable");
        app.add_option("--timeout", o.timeout, "Stop with an error after SECONDS (a runaway script or evaluation)")
            ->check(CLI::PositiveNumber);
    }
    if (takes & takes_cache) {
        app.add_option("--cache-dir", o.cache_dir, "Cache folder (default: $LAZYCAD_CACHE_DIR, "
                                                   "$XDG_CACHE_HOME/lazycad or ~/.cache/lazycad)");
        app.add_option("--remote-cache", o.remote_cache,
                       "Team cache shared on a server: redis://host[:port][/db] "
                       "(default: $LAZYCAD_REMOTE_CACHE)");
    }
    if (takes & takes_no_cache) app.add_flag("--no-cache", o.no_cache, "Use no directory cache");
    if (takes & takes_jobs)
        app.add_option("-j,--jobs", o.jobs, "Worker threads (default: number of cores)");
    if (takes & takes_stats)
        app.add_flag("--stats{text}", o.stats, "Print statistics; --stats=json prints one JSON line")
            ->check(CLI::IsMember({"text", "json"}));
    if (takes & takes_verbose) app.add_flag("-v,--verbose", o.verbose, "Say more");
}

script::RunResult run_pipeline(const CommonOptions& o, bool evaluate, bool tree) {
    script::RunRequest request;
    request.model = o.model;
    request.overrides = o.overrides();
    for (const std::string& r : o.replace) {
        auto eq = r.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == r.size())
            throw CLI::ValidationError("--override", "expects NAME=FILE, got '" + r + "'");
        request.replace[r.substr(0, eq)] = r.substr(eq + 1);
    }
    request.eval = o.eval();
    request.evaluate = evaluate;
    request.tree = tree;
    script::RunResult r = script::run(request);
    clear_progress_line();
    if (o.verbose && !r.compiled.object.empty())
        std::cerr << fmt::format("lazycad: script {} ({:.0f} ms{})\n",
                                 r.compiled.from_cache ? "loaded from cache" : "compiled",
                                 r.compiled.compile_ms,
                                 r.compiled.from_cache || !script::uses_precompiled_header()
                                     ? ""
                                     : ", precompiled lazycad.hpp");
    if (!r.ok()) {
        std::cerr << r.error << "\n";
        throw RunFailed{r.exit_code()};
    }
    return r;
}

void print_stats(const CommonOptions& o, const Stats& s) {
    if (o.stats == "json") std::cout << s.to_json() << std::endl;
    else if (o.stats == "text") std::cout << s.summary() << std::endl;
}

namespace {

using Clock = std::chrono::steady_clock;

/// The terminal's progress line. The evaluator reports when nodes start and
/// finish; a ticker thread redraws the line with the elapsed time in between,
/// so a single long operation does not look like a hang.
class ProgressLine {
public:
    void update(const Progress& p) {
        std::lock_guard lock(m_mutex);
        if (!m_ticker.joinable()) {
            m_start = Clock::now();
            m_stop = false;
            m_ticker = std::thread([this] { tick(); });
        }
        m_last = p;
    }

    void clear() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        if (m_ticker.joinable()) m_ticker.join();
        std::lock_guard lock(m_mutex);
        if (m_shown) std::cerr << "\r\033[K" << std::flush;
        m_shown = false;
    }

private:
    void tick() {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, std::chrono::milliseconds(250), [this] { return m_stop; })) {
            double s = std::chrono::duration<double>(Clock::now() - m_start).count();
            if (s < 1.0) continue;
            std::cerr << fmt::format("\r\033[K[{}/{}] {}  {:.1f} s", m_last.done, m_last.total,
                                     m_last.operation, s)
                      << std::flush;
            m_shown = true;
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_ticker;
    Clock::time_point m_start;
    Progress m_last;
    bool m_stop = false;
    bool m_shown = false;
};

ProgressLine& the_progress_line() {
    static ProgressLine* line = new ProgressLine; // never destroyed: main leaves by _Exit
    return *line;
}

} // namespace

std::function<void(const Progress&)> progress_line() {
    if (!isatty(2)) return {};
    return [](const Progress& p) { the_progress_line().update(p); };
}

void clear_progress_line() { the_progress_line().clear(); }

} // namespace lazycad::cli
