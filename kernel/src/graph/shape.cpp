#include "graph/node.hpp"
#include "graph/origin.hpp"
#include "lazycad/error.hpp"

#include "graph/key_encoder.hpp"
#include "lazycad/error.hpp"

namespace lazycad {

namespace {

/// The one node behind every default-constructed Shape: a leaf whose own
/// compute function refuses, so the evaluator and every tree walk treat it
/// like any other node, and nothing can read geometry out of it.
const std::shared_ptr<const detail::Node>& empty_node() {
    static const std::shared_ptr<const detail::Node> node = [] {
        auto n = std::make_shared<detail::Node>();
        n->op = "empty";
        n->version = 1;
        n->key = detail::node_key(n->op, n->version, {}, {});
        n->compute = [](const detail::OpContext&) -> TopoDS_Shape {
            throw Error("empty", "", "empty shape: assign it before use");
        };
        return n;
    }();
    return node;
}

} // namespace

Shape::Shape() : m_node(empty_node()) {}

bool Shape::empty() const noexcept { return m_node->key == empty_node()->key; }

const NodeKey& Shape::key() const noexcept { return m_node->key; }
const std::string& Shape::operation() const noexcept { return m_node->op; }
unsigned Shape::operation_version() const noexcept { return m_node->version; }
const Params& Shape::params() const noexcept { return m_node->params; }
const std::vector<Shape>& Shape::parents() const noexcept { return m_node->parents; }
const std::string& Shape::name() const noexcept { return m_node->name; }
std::uintptr_t Shape::origin() const noexcept { return m_node->origin; }
bool Shape::stored_on_disk() const noexcept { return m_node->cost == detail::Cost::expensive; }

Shape Shape::recompute() const {
    auto copy = std::make_shared<detail::Node>(*m_node);
    copy->caching = detail::Node::Caching::recompute;
    return Shape(std::move(copy));
}

Shape Shape::pin(std::string label) const {
    if (label.empty()) {
        Error e("pin", "label", "pin: parameter 'label' must not be empty");
        e.set_origin(detail::calling_code());
        throw e;
    }
    auto copy = std::make_shared<detail::Node>(*m_node);
    copy->subtree_key = m_node->pin.empty() ? m_node->key : m_node->subtree_key;
    // Domain-separated and length-prefixed; nothing else goes in.
    copy->key = sha256("lazycad pin\n" + std::to_string(label.size()) + ":" + label);
    copy->pin = std::move(label);
    copy->cost = detail::Cost::expensive; // kept on disk: that is the point
    return Shape(std::move(copy));
}

const std::string& Shape::pin_label() const noexcept { return m_node->pin; }

bool Shape::recomputes() const noexcept {
    return m_node->caching == detail::Node::Caching::recompute || m_node->built_on_forced;
}

Shape Shape::uncached() const {
    auto copy = std::make_shared<detail::Node>(*m_node);
    copy->caching = detail::Node::Caching::uncached;
    return Shape(std::move(copy));
}

Shape Shape::named(std::string name) const {
    auto copy = std::make_shared<detail::Node>(*m_node);
    copy->name = std::move(name);
    return Shape(std::move(copy));
}

} // namespace lazycad
