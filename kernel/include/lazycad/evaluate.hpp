#pragma once
// Evaluation: memory cache, then directory cache, then compute.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"
#include "shape.hpp"

class TopoDS_Shape; // OCCT's, complete only in lazycad/occt.hpp

namespace lazycad {

/// Figures of one evaluation (or the sum of several).
struct Stats {
    std::uint64_t nodes = 0;       ///< distinct nodes visited
    std::uint64_t computed = 0;    ///< nodes built by OCCT
    std::uint64_t disk_hits = 0;   ///< nodes loaded from the directory cache
    std::uint64_t memory_hits = 0; ///< nodes found in the process's memory cache
    std::uint64_t stored = 0;      ///< entries written to the directory cache
    std::uint64_t remote_hits = 0;   ///< nodes loaded from the remote cache
    std::uint64_t remote_stored = 0; ///< entries written to the remote cache
    std::uint64_t remote_errors = 0; ///< remote calls that failed (the remote is then skipped)
    /// Nodes looked up in the cache folder (and the remote) and found in neither.
    std::uint64_t misses = 0;
    /// Results validity-checked (BRepCheck, positive volume): each result that
    /// leaves lazycad once, when first computed; never on a cache hit.
    std::uint64_t checked = 0;
    double check_ms = 0;           ///< time spent in those checks
    /// Of `computed`: inner links of chains of differences or unions computed
    /// within their last link's one n-ary boolean (see folded_nodes), not stored.
    std::uint64_t folded = 0;
    double compute_ms = 0, load_ms = 0, store_ms = 0;
    std::uint64_t bytes_read = 0, bytes_written = 0;

    Stats& operator+=(const Stats& o);
    /// One-line JSON object with every field above.
    std::string to_json() const;
    /// Short human summary: "5 nodes: 3 computed, 1 from disk, 1 from memory ...".
    std::string summary() const;
};

struct Progress {
    std::size_t done = 0;  ///< nodes finished
    std::size_t total = 0; ///< nodes that need computing
    std::string operation; ///< the operation that just started or finished
    NodeKey key{};         ///< that node (a viewer's tree marks its row)
    bool finished = false; ///< false: it started; true: it is done
    double compute_ms = 0; ///< when finished: its compute time (0 if another client's entry served it)
};

/// Where cached results live. `resolve` picks the default root.
struct CacheOptions {
    bool enabled = true;
    /// Empty: $LAZYCAD_CACHE_DIR, else $XDG_CACHE_HOME/lazycad, else ~/.cache/lazycad.
    std::string dir;
    /// A remote cache shared by a team (lazycad/remote.hpp), e.g.
    /// `redis://cache.lan:6379`. Empty: $LAZYCAD_REMOTE_CACHE, else none.
    /// Used only when the cache is enabled.
    std::string remote;

    /// The root folder to use, or nullopt when no default can be found.
    std::optional<std::string> resolve() const;
};

struct EvalOptions {
    CacheOptions cache;
    /// Worker threads for independent branches; 0 = number of cores.
    unsigned jobs = 0;
    /// Called (from any thread, serialised) as nodes start and finish.
    std::function<void(const Progress&)> on_progress;
    /// Set to true from any thread to stop: between nodes, and inside OCCT
    /// algorithms that honour progress ranges. Evaluation then throws Cancelled.
    const std::atomic<bool>* cancel = nullptr;
    /// Nodes named (`.named()`) one of these are computed whatever the caches
    /// hold, as Shape::recompute() does (`--recompute NAME`).
    std::vector<std::string> recompute;
};

/// Thrown by evaluate() when EvalOptions::cancel was set.
class Cancelled : public Error {
public:
    Cancelled() : Error("evaluation cancelled") {}
};

/// A root's evaluated result, held here rather than looked up later in the
/// process's memory cache (which a long session trims). Cheap to copy. Its
/// OCCT shape: occt_shape(const Result&) in lazycad/occt.hpp.
class Result {
public:
    Result(Shape shape, std::shared_ptr<const TopoDS_Shape> occt)
        : m_shape(std::move(shape)), m_occt(std::move(occt)) {}
    const Shape& shape() const noexcept { return m_shape; }
    /// @internal the evaluated shape; see occt_shape(const Result&).
    const std::shared_ptr<const TopoDS_Shape>& occt() const noexcept { return m_occt; }

private:
    Shape m_shape;
    std::shared_ptr<const TopoDS_Shape> m_occt;
};

/// What evaluate() returns: the run's figures (it is a Stats) and one Result
/// per root, in the order of `roots`.
struct Evaluation : Stats {
    std::vector<Result> results;
    /// Pinned nodes (Shape::pin) served from the cache although their own
    /// subtree changed since the result was stored: front ends warn, naming
    /// the script line.
    struct StalePin {
        std::string label;
        std::uintptr_t origin = 0; ///< the code that made the pinned node
    };
    std::vector<StalePin> stale_pins;
};

/// Build every shape in `roots` (and whatever they need that is not cached).
/// The roots themselves are always written to the directory cache, after a
/// validity check (once per result: the verdict is cached with it).
/// Throws Error naming the failing operation; nothing is lost on failure. An
/// invalid root is an Error naming the first invalid operation below it.
Evaluation evaluate(const std::vector<Shape>& roots, const EvalOptions& options = {});

/// The nodes evaluate(roots, options) would fold if run now, loading and
/// computing nothing. A chain of one boolean, `a - b - c - d` or `a + b + c`,
/// whose inner links nobody else uses (not a root, not named, pinned or forced,
/// no other dependent in this graph, in no cache) is computed as one n-ary
/// boolean on its last link (`a - (b, c, d)` all at once); the inner links are
/// not computed on their own nor stored. Keys are unchanged.
std::vector<NodeKey> folded_nodes(const std::vector<Shape>& roots, const EvalOptions& options = {});

/// Where a node's result currently is, without computing anything.
enum class CacheState { memory, disk, missing };
CacheState cache_state(const Shape& s, const CacheOptions& cache = {});

/// Drop the process's memory cache (for tests and benchmarks).
void clear_memory_cache();

/// Drop from the memory cache every result that `keep`, and all they are built
/// from, do not use. A long session (the viewer reloading a model on each save)
/// calls it after each run so that memory holds the models in use, not every
/// version ever evaluated; what it drops of expensive operations is still in
/// the directory cache.
void trim_memory_cache(const std::vector<Shape>& keep);

/// Warnings (bad cache entries, unusable cache folder) go here; the default
/// prints "lazycad: warning: ..." on stderr. Returns the previous handler.
using WarningHandler = std::function<void(const std::string&)>;
WarningHandler set_warning_handler(WarningHandler h);
void warn(const std::string& message);

} // namespace lazycad
