#pragma once
// The lazy node behind a Shape, and what an operation's compute function sees.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <Message_ProgressRange.hxx>
#include <TopoDS_Shape.hxx>

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
    double num(std::string_view name) const { return value(name).as<double>(); }
    std::int64_t integer(std::string_view name) const { return value(name).as<std::int64_t>(); }
    bool flag(std::string_view name) const { return value(name).as<bool>(); }
    const std::string& str(std::string_view name) const { return value(name).as<std::string>(); }
    Angle angle(std::string_view name) const { return value(name).as<Angle>(); }
    Point point(std::string_view name) const { return value(name).as<Point>(); }
    Vec vec(std::string_view name) const { return value(name).as<Vec>(); }
    const ValueList& list(std::string_view name) const { return value(name).as<ValueList>(); }
    const std::string& op() const;
};

using ComputeFn = std::function<TopoDS_Shape(const OpContext&)>;

/// How an operation's results are treated by the directory cache.
enum class Cost {
    cheap,     ///< microseconds to rebuild (primitives, transforms): kept in memory only
    expensive, ///< booleans, features, sweeps, threads: also written to disk
};

/// One operation kind. Each operation file defines one `static const OpDef`.
struct OpDef {
    const char* name;
    unsigned version; ///< bump whenever the geometry this op builds changes
    Cost cost;
    /// Run BRepCheck_Analyzer on the result (costly on big shapes; primitives and
    /// rigid transforms are valid by construction).
    bool check_result;
    TopoDS_Shape (*compute)(const OpContext&);
};

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
    Cost cost = Cost::cheap;
    bool check_result = false;
    ComputeFn compute;
};

/// Make a node: validates parameters (NaN/inf rejected naming op and parameter),
/// canonicalises them (-0.0 -> 0.0) and computes the key.
Shape make_node(const OpDef& def, Params params, std::vector<Shape> parents = {});
Shape make_node(std::string op, unsigned version, Cost cost, bool check_result, ComputeFn fn,
                Params params, std::vector<Shape> parents);

} // namespace lazycad::detail
