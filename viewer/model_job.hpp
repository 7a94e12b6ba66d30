#pragma once
// One run of a model script for the viewer: compile, run, evaluate, mesh.
// Runs on a worker thread and returns a plain result (libfive-studio style):
// the GUI only displays what it receives and never computes geometry.
// No Qt here, so `render` and the window share it.

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "lazycad/evaluate.hpp"
#include "lazycad/model.hpp"

namespace lazycad::viewer {

struct JobRequest {
    std::filesystem::path model;
    std::map<std::string, std::string> overrides; ///< -D name=value
    CacheOptions cache;
    unsigned jobs = 0;
    /// Also compute each shape's volume (for --status-file; costs a little).
    bool measure = false;
    /// The model shown before this run: after a successful run the memory cache
    /// keeps what this run and that one use (so editing a value back and forth
    /// stays instant) and drops older versions.
    std::vector<Displayed> previous;
};

/// A displayed shape, evaluated and meshed, ready for AIS.
struct ShownShape {
    TopoDS_Shape shape;
    Color color;
    std::string label; ///< operation and name, for the tree
    double volume = 0; ///< mm³, only with JobRequest::measure
};

/// One line of the lazy tree as the dock shows it.
struct TreeRow {
    int depth = 0;
    std::string text;    ///< "3fa2c1 cut(...)"
    CacheState state = CacheState::missing;
    bool repeated = false; ///< a shared subtree already listed above
};

struct JobResult {
    bool ok = false;
    bool cancelled = false;
    bool compile_error = false;
    std::string error; ///< compiler diagnostics (file:line:col) or the geometry error
    std::vector<Displayed> displayed; ///< the script's results (for export)
    std::vector<ShownShape> shapes;
    std::vector<TreeRow> tree;
    Stats stats;
    bool script_from_cache = false;
    /// The script and the local headers it read (CompiledScript::sources).
    std::vector<std::string> sources;
    double compile_ms = 0, eval_ms = 0, mesh_ms = 0, total_ms = 0;
};

/// Do the whole run. Never throws: every failure lands in JobResult::error.
/// `progress` is called from evaluation threads (serialised); `cancel` stops
/// the evaluation between nodes and inside OCCT algorithms with progress ranges.
JobResult run_model_job(const JobRequest& request,
                        const std::function<void(const Progress&)>& progress,
                        const std::atomic<bool>* cancel);

/// Mesh settings shared by the worker and the AIS context, so AIS finds the
/// worker's triangulation good enough and never re-meshes on the GUI thread.
inline constexpr double mesh_deviation_coefficient = 0.001;
inline constexpr double mesh_deviation_angle = 0.35; ///< radians (20°)

} // namespace lazycad::viewer
