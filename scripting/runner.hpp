#pragma once
// The one pipeline every front end uses (the CLI, the viewer, the tests):
// compile -> load -> run the script -> evaluate -> the lazy tree, returned as a
// plain result. Never throws; no Qt. (libfive studio's interpreter and its
// Result are the model.)

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lazycad/evaluate.hpp"
#include "lazycad/model.hpp"
#include "script_runner.hpp"

namespace lazycad::script {

struct TreeRow;

struct RunRequest {
    std::filesystem::path model;
    std::map<std::string, std::string> overrides; ///< -D name=value
    EvalOptions eval;      ///< cache, jobs, progress and cancel
    bool evaluate = true;  ///< false: compile and run the script only (tree, params)
    bool tree = false;     ///< fill RunResult::tree
    std::size_t tree_limit = 0; ///< at most this many rows; 0 = all
    /// With `tree` and `evaluate`: called (on the run's thread) once the
    /// script has run, before the evaluation, with the rows and their cache
    /// states as they stand then, so a viewer shows the tree at once and
    /// fills it in as nodes finish (EvalOptions::on_progress).
    std::function<void(const std::vector<TreeRow>&)> on_tree;
    /// Called (on the run's thread) as each step begins, in words for a
    /// progress line: "compiling bolt.cpp", "running bolt.cpp", "looking up
    /// 2 shapes in the cache", "listing the lazy tree". The operations
    /// computed in between come through EvalOptions::on_progress.
    std::function<void(const std::string&)> on_phase;
    /// --override NAME=FILE: the node named NAME is replaced by FILE's shape
    /// (.brep, .step/.stp, or cache:KEYPREFIX for an entry in the cache); its
    /// subtree is not evaluated and what is built on it gets new keys. An
    /// unknown NAME is a usage error listing the model's named nodes.
    std::map<std::string, std::string> replace;
    /// Run this already-compiled script instead of compiling `model` (the
    /// viewer's parameter edits: the source did not change, so neither does
    /// the object; not even the compile() cache look-up is needed).
    std::optional<CompiledScript> compiled;
    /// Evaluate `evaluate_as(shape)` for each displayed shape instead of the
    /// shape itself (the viewer's cached mesh nodes: a warm open loads those
    /// and never needs the shapes they were made from). RunResult::results
    /// then hold those nodes' results.
    std::function<Shape(const Shape&)> evaluate_as;
};

/// What went wrong, which decides the exit code.
enum class Failure {
    none,
    usage,     ///< a bad -D (unknown name, unparsable value): exit 2
    compile,   ///< the script did not compile or load: exit 1
    model,     ///< a lazycad::Error (bad argument, geometry): exit 1
    cancelled, ///< EvalOptions::cancel was set
};

/// One line of the lazy tree, depth first from the displayed shapes; a subtree
/// shared by several parents is listed once, later mentions are `repeated`.
/// A long chain of one operation shows its first and last links and one
/// `elided` row for those between (`shape` is the first of them).
struct TreeRow {
    int depth = 0;
    Shape shape;
    std::string params; ///< "x=10, y=10, z=20", abbreviated past 120 characters
    CacheState state = CacheState::missing;
    bool repeated = false;
    bool folded = false;     ///< missing, and computed within a chain's n-ary boolean (folded_nodes)
    std::size_t elided = 0;  ///< > 0: this row stands for so many links of a chain, not listed
};

struct RunResult {
    Failure failure = Failure::none;
    /// Ready to print: compiler diagnostics, or "m.cpp:7: error: fillet: ..."
    /// (the script line that made the failing operation, where known).
    std::string error;
    CompiledScript compiled;
    std::vector<ParamInfo> params;    ///< the script's param()s: defaults and values used
    std::vector<Displayed> displayed; ///< what the script displayed, in order
    std::vector<Result> results;      ///< one per displayed shape, when evaluated
    std::vector<TreeRow> tree;        ///< when RunRequest::tree
    Stats stats;

    bool ok() const noexcept { return failure == Failure::none; }
    /// 0 success, 1 model or geometry error, 2 usage error.
    int exit_code() const noexcept;
};

RunResult run(const RunRequest& request);

/// How many times run() has called compile() in this process (tests count
/// the compiles a parameter edit does not make).
std::size_t compile_calls() noexcept;

/// "file:line: error: message" for an Error raised after the run (an export,
/// say), in the same words run() uses.
std::string describe(const Error& e);

} // namespace lazycad::script
