#pragma once
// Options shared by the CLI's subcommands, and the helpers they use.

#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lazycad/evaluate.hpp"
#include "runner.hpp"

namespace lazycad::cli {

struct CommonOptions {
    std::string cache_dir;
    bool no_cache = false;
    unsigned jobs = 0;
    std::string stats; ///< "", "text" or "json"
    bool verbose = false;
    std::vector<std::string> defines; ///< -D k=v
    std::vector<std::string> recompute; ///< --recompute NAME
    std::vector<std::string> replace;   ///< --override NAME=FILE
    std::string model;
    double timeout = 0; ///< --timeout seconds; 0: none

    std::string remote_cache;
    CacheOptions cache() const { return {!no_cache, cache_dir, remote_cache}; }
    EvalOptions eval() const;
    std::map<std::string, std::string> overrides() const; // throws CLI::ValidationError
};

/// Which of the common options a subcommand takes: its --help lists only those.
enum Takes : unsigned {
    takes_model = 1,     ///< MODEL and -D
    takes_cache = 2,     ///< --cache-dir
    takes_no_cache = 4,  ///< --no-cache
    takes_jobs = 8,      ///< -j
    takes_stats = 16,    ///< --stats[=json]
    takes_verbose = 32,  ///< -v
    takes_all = 63,
    takes_recompute = 64, ///< --recompute without -j (explain)
};
void add_common(CLI::App& app, CommonOptions& o, unsigned takes);

/// The pipeline (runner.hpp) as these options ask; -v reports the compile.
/// A failure is printed and leaves through RunFailed, carrying the exit code.
script::RunResult run_pipeline(const CommonOptions& o, bool evaluate, bool tree = false);
struct RunFailed {
    int exit_code;
};

/// Print statistics as --stats asks (JSON goes on stdout's last line).
void print_stats(const CommonOptions& o, const Stats& s);

/// On a terminal, once an evaluation has run for a second: "[3/10] union  4.2 s"
/// on stderr, redrawn a few times a second so that a long operation still
/// shows it is alive. clear_progress_line() stops and erases it.
std::function<void(const Progress&)> progress_line();
void clear_progress_line();

struct CacheArgs {
    double max_size_mb = -1;   ///< gc: keep this many MB (-1: the folder's max_size, else 1024)
    std::string older_than;    ///< gc --evict-older-than DURATION
    bool zero = false;         ///< stats --zero
    std::string ref;           ///< show, get: key prefix or MODEL.cpp:NAME
    std::string output;        ///< get: -o FILE
};
int cmd_cache(const std::string& action, const CommonOptions& o, const CacheArgs& args);
int cmd_explain(const CommonOptions& o);
int cmd_tree(const CommonOptions& o);

} // namespace lazycad::cli
