#pragma once
// One run of a model script for the viewer: compile, run, evaluate, mesh.
// Runs on a worker thread and returns a plain result (libfive-studio style):
// the GUI only displays what it receives and never computes geometry.
// No Qt here, so `render` and the window share it.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "lazycad/evaluate.hpp"
#include "lazycad/model.hpp"
#include "script_runner.hpp"

namespace lazycad::viewer {

struct TreeRow;

struct JobRequest {
    std::filesystem::path model;
    std::map<std::string, std::string> overrides; ///< -D name=value
    /// Values set in the Parameters panel, over `overrides`. If the script no
    /// longer has one of them (the source changed), the run is redone without
    /// those and JobResult::dropped_edits names them.
    std::map<std::string, std::string> edits;
    /// The script as compiled for the previous run: a parameter edit runs it
    /// again without compiling.
    std::optional<script::CompiledScript> compiled;
    CacheOptions cache;
    unsigned jobs = 0;
    /// Also compute each shape's volume (for --status-file; costs a little).
    bool measure = false;
    /// List the lazy tree (the window's dock; `render` has no use for it).
    bool tree = true;
    /// With `tree`: called on the worker once the script has run, before the
    /// evaluation, with the rows as they stand then (Progress then says
    /// which node starts and finishes).
    std::function<void(std::vector<TreeRow>)> on_tree;
    /// Each step of the run as it begins (script::RunRequest::on_phase).
    std::function<void(const std::string&)> on_phase;
    /// The model shown before this run: after a successful run the memory cache
    /// keeps what this run and that one use (so editing a value back and forth
    /// stays instant) and drops older versions.
    std::vector<Displayed> previous;
};

/// A displayed shape, evaluated and meshed, ready for AIS.
struct ShownShape {
    TopoDS_Shape shape;
    Color color;
    std::string name;  ///< `.named()` or "shape N", for the parts list
    double volume = 0; ///< mm³, only with JobRequest::measure
};

/// One line of the lazy tree as the dock shows it.
struct TreeRow {
    int depth = 0;
    Shape shape;         ///< evaluated on demand when the row is selected
    std::string text;    ///< "cut 'name' r=4, v=(1, 2, 3)": short readable parameters
    CacheState state = CacheState::missing;
    bool repeated = false; ///< a shared subtree already listed above
    bool folded = false;   ///< computed within a chain's n-ary boolean, not on its own
};

struct JobResult {
    bool ok = false;
    bool cancelled = false;
    bool compile_error = false;
    std::string error; ///< compiler diagnostics (file:line:col) or the geometry error
    std::vector<Displayed> displayed; ///< the script's results (for export)
    std::vector<ShownShape> shapes;
    std::vector<ParamInfo> params; ///< the script's parameters, default and value used
    std::vector<std::string> dropped_edits; ///< panel values the script no longer has
    std::optional<script::CompiledScript> compiled; ///< when the script compiled and loaded
    std::vector<TreeRow> tree;
    Stats stats;
    bool script_from_cache = false;
    /// The script and the local headers it read (CompiledScript::sources).
    std::vector<std::string> sources;
    /// Displayed shapes meshed by this run (mesh nodes not found in a cache).
    std::size_t meshed = 0;
    double compile_ms = 0, eval_ms = 0, mesh_ms = 0, total_ms = 0;
    /// Wall time of the run's steps (script::RunRequest::on_phase): running
    /// the script, evaluating (meshing included), listing the tree.
    double script_ms = 0, evaluate_ms = 0, tree_ms = 0;
    double measure_ms = 0; ///< JobRequest::measure's volumes (tests only)
};

/// Do the whole run. Never throws: every failure lands in JobResult::error.
/// `progress` is called from evaluation threads (serialised); `cancel` stops
/// the evaluation between nodes and inside OCCT algorithms with progress ranges.
/// One node of the lazy tree, evaluated (from the cache when it is there) and
/// meshed for display over the model. Throws Error, Cancelled.
struct NodeShape {
    TopoDS_Shape shape;
    double volume = 0;    ///< mm³
    std::string location; ///< "model.cpp:12", the script line that made it; "" if unknown
};
NodeShape evaluate_node(const Shape& shape, const CacheOptions& cache, unsigned jobs,
                        const std::atomic<bool>* cancel);

/// A parameter value as the tree shows it: numbers to 6 significant digits,
/// long lists abbreviated.
std::string short_value(const Value& v);

JobResult run_model_job(const JobRequest& request,
                        const std::function<void(const Progress&)>& progress,
                        const std::atomic<bool>* cancel);

/// The lazy node "viewer_mesh" of `shape`: its result is the shape with the
/// triangulation AIS displays, keyed by the shape's key and the mesh settings
/// below, cached in memory and on disk like any other node (the directory
/// cache writes triangles), so a warm open meshes nothing.
Shape mesh_node(const Shape& shape);
/// How many times mesh_node() results were computed in this process.
std::size_t meshes_computed() noexcept;

/// Mesh settings shared by the worker and the AIS context, so AIS finds the
/// worker's triangulation good enough and never re-meshes on the GUI thread.
inline constexpr double mesh_deviation_coefficient = 0.001;
inline constexpr double mesh_deviation_angle = 0.35; ///< radians (20°)

} // namespace lazycad::viewer
