#include "graph/node.hpp"

#include "graph/key_encoder.hpp"
#include "graph/origin.hpp"
#include "lazycad/error.hpp"

namespace lazycad::detail {

const Value& OpContext::value(std::string_view name) const {
    for (const NamedValue& p : node.params)
        if (p.name == name) return p.value;
    throw Error(node.op, std::string(name), node.op + ": internal error: no parameter '" +
                                                std::string(name) + "'");
}

bool OpContext::has(std::string_view name) const {
    for (const NamedValue& p : node.params)
        if (p.name == name) return true;
    return false;
}

const std::string& OpContext::op() const { return node.op; }

namespace {
std::vector<const OpDef*>& registry() {
    static std::vector<const OpDef*> ops;
    return ops;
}
} // namespace

OpDef::OpDef(const char* name, unsigned version, Cost cost, bool check_result)
    : name(name), version(version), cost(cost), check_result(check_result) {
    registry().push_back(this);
}

const std::vector<const OpDef*>& builtin_operations() { return registry(); }

Node::~Node() {
    // Release parents without recursion: a parent we own alone is emptied of
    // its own parents (moved onto our list) before it dies, so each node's
    // destructor finds nothing left to release recursively.
    std::vector<Shape> pending = std::move(parents);
    while (!pending.empty()) {
        Shape s = std::move(pending.back());
        pending.pop_back();
        if (s.m_node.use_count() == 1) {
            // Made by make_shared<Node>, so the object itself is not const.
            auto& sole = const_cast<Node&>(*s.m_node);
            for (Shape& p : sole.parents) pending.push_back(std::move(p));
            sole.parents.clear();
        }
    }
}

Shape make_node(std::string op, unsigned version, Cost cost, bool check_result, ComputeFn fn,
                Params params, std::vector<Shape> parents) {
    auto node = std::make_shared<Node>();
    for (NamedValue& p : params) {
        if (!is_finite(p.value)) {
            Error e(op, p.name,
                    op + ": parameter '" + p.name + "' must be a finite number (got " +
                        p.value.to_string() + ")");
            e.set_origin(calling_code());
            throw e;
        }
        canonicalize(p.value);
    }
    std::vector<const NodeKey*> parent_keys;
    parent_keys.reserve(parents.size());
    for (const Shape& s : parents) {
        parent_keys.push_back(&s.key());
        const Node& p = s.node();
        node->built_on_forced |= p.caching == Node::Caching::recompute || p.built_on_forced;
    }
    node->key = node_key(op, version, params, parent_keys);
    node->op = std::move(op);
    node->version = version;
    node->params = std::move(params);
    node->parents = std::move(parents);
    node->origin = calling_code();
    node->cost = cost;
    node->check_result = check_result;
    node->compute = std::move(fn);
    return Shape(std::move(node));
}

Shape make_node(const OpDef& def, Params params, std::vector<Shape> parents) {
    return make_node(def.name, def.version, def.cost, def.check_result, nullptr,
                     std::move(params), std::move(parents));
}

} // namespace lazycad::detail
