#pragma once
// Options shared by the CLI's subcommands, and the helpers they use.

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lazycad/evaluate.hpp"
#include "script_runner.hpp"

namespace lazycad::cli {

struct CommonOptions {
    std::string cache_dir;
    bool no_cache = false;
    unsigned jobs = 0;
    std::string stats; ///< "", "text" or "json"
    bool verbose = false;
    std::vector<std::string> defines; ///< -D k=v
    std::string model;
    double timeout = 0; ///< --timeout seconds; 0: none

    CacheOptions cache() const { return {!no_cache, cache_dir}; }
    EvalOptions eval() const;
    std::map<std::string, std::string> overrides() const; // throws CLI::ValidationError
};

/// Adds --cache-dir, --no-cache, --jobs, --stats, -v (and MODEL, -D when `with_model`).
void add_common(CLI::App& app, CommonOptions& o, bool with_model);

/// Run the script with -D overrides, reporting the compile when -v.
script::ScriptRun run_model_script(const CommonOptions& o);

/// Print statistics as --stats asks (JSON goes on stdout's last line).
void print_stats(const CommonOptions& o, const Stats& s);

/// A "[3/10] union" line on stderr, only on a terminal and only after the
/// evaluation has run for a second; cleared when done.
std::function<void(const Progress&)> progress_line();
void clear_progress_line();

int cmd_cache(const std::string& action, const CommonOptions& o, double max_size_mb);
int cmd_tree(const CommonOptions& o);

} // namespace lazycad::cli
