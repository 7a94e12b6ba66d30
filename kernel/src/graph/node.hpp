#pragma once
// The lazy node behind a Shape, and what an operation's compute function sees.

#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <Message_ProgressRange.hxx>
#include <TopoDS_Shape.hxx>

#include "graph/param_key.hpp"
#include "lazycad/shape.hpp"

namespace lazycad::detail {

struct Node;

/// What a compute function gets: its node (for parameters) and its parents'
/// evaluated shapes, in order.
struct OpContext {
    const Node& node;
    const std::vector<TopoDS_Shape>& inputs;
    Message_ProgressRange progress;

    const Value& value(std::string_view name) const; // throws Error if absent
    bool has(std::string_view name) const;
    double num(std::string_view name) const { return value(name).as<double>(); }
    std::int64_t integer(std::string_view name) const { return value(name).as<std::int64_t>(); }
    bool flag(std::string_view name) const { return value(name).as<bool>(); }
    const std::string& str(std::string_view name) const { return value(name).as<std::string>(); }
    Angle angle(std::string_view name) const { return value(name).as<Angle>(); }
    Point point(std::string_view name) const { return value(name).as<Point>(); }
    Vec vec(std::string_view name) const { return value(name).as<Vec>(); }
    const ValueList& list(std::string_view name) const { return value(name).as<ValueList>(); }
    const std::string& op() const;

    /// The value of a typed parameter (graph/param_key.hpp); throws Error if absent.
    template <class T> const T& operator[](const ParamKey<T>& k) const {
        if constexpr (std::is_same_v<T, Value>) return value(k.name);
        else return value(k.name).template as<T>();
    }
    template <class E, std::size_t N> E operator[](const EnumKey<E, N>& k) const {
        return k.decode(op(), value(k.name).template as<std::string>());
    }
    /// The value of an optional parameter, `fallback` when the node has none.
    template <class K, class T> T get_or(const K& k, T fallback) const {
        return has(k.name) ? T((*this)[k]) : fallback;
    }
};

using ComputeFn = std::function<TopoDS_Shape(const OpContext&)>;
using ComputeFnPtr = TopoDS_Shape (*)(const OpContext&);

/// How an operation's results are treated by the directory cache.
enum class Cost {
    cheap,     ///< microseconds to rebuild (primitives, transforms): kept in memory only
    expensive, ///< booleans, features, sweeps, threads: also written to disk
};

/// One built-in operation kind as the core sees it: what goes into its keys
/// and what the cache does with its results. Each file under src/ops/ defines
/// its operations' OpDefs; the code that computes them is in the geometry
/// library (src/geometry/, same file name), found by name when a node must be
/// computed. Constructing an OpDef lists it in builtin_operations().
struct OpDef {
    OpDef(const char* name, unsigned version, Cost cost, bool check_result);
    OpDef(const OpDef&) = delete;
    OpDef& operator=(const OpDef&) = delete;

    const char* name;
    unsigned version; ///< bump whenever the geometry this op builds changes
    Cost cost;
    /// Run BRepCheck_Analyzer on the result (costly on big shapes; primitives and
    /// rigid transforms are valid by construction).
    bool check_result;
};

/// Every OpDef of the core, for checking that the geometry library computes each.
const std::vector<const OpDef*>& builtin_operations();

struct Node {
    Node() = default;
    Node(const Node&) = default;
    Node& operator=(const Node&) = default;
    /// Tears down the chain of parents iteratively: a 100000-deep chain of
    /// transforms would otherwise overflow the stack through nested
    /// shared_ptr destructors.
    ~Node();

    std::string op;
    unsigned version = 0;
    Params params;
    std::vector<Shape> parents;
    NodeKey key;
    std::string name;
    /// The code that made this node (detail::calling_code()), for errors.
    std::uintptr_t origin = 0;
    Cost cost = Cost::cheap;
    bool check_result = false;
    /// Shape::recompute() / uncached(): how the caches treat this one node.
    enum class Caching { normal, recompute, uncached } caching = Caching::normal;
    /// Built on a recompute() node: a cached result of this one derives from
    /// the result being recomputed, so it is recomputed too.
    bool built_on_forced = false;
    /// Shape::pin(): the label the key is made from, and the key the node had
    /// from its own subtree (recorded with its entry, to tell when a pinned
    /// result was kept although its inputs changed).
    std::string pin;
    NodeKey subtree_key;
    /// Set for custom operations only; a built-in operation's compute function
    /// is looked up in the geometry library by `op`.
    ComputeFn compute;
};

/// Make a node: validates parameters (NaN/inf rejected naming op and parameter),
/// canonicalises them (-0.0 -> 0.0) and computes the key.
Shape make_node(const OpDef& def, Params params, std::vector<Shape> parents = {});
Shape make_node(std::string op, unsigned version, Cost cost, bool check_result, ComputeFn fn,
                Params params, std::vector<Shape> parents);

} // namespace lazycad::detail
