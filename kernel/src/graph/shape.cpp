#include "graph/node.hpp"

namespace lazycad {

const NodeKey& Shape::key() const noexcept { return m_node->key; }
const std::string& Shape::operation() const noexcept { return m_node->op; }
unsigned Shape::operation_version() const noexcept { return m_node->version; }
const Params& Shape::params() const noexcept { return m_node->params; }
const std::vector<Shape>& Shape::parents() const noexcept { return m_node->parents; }
const std::string& Shape::name() const noexcept { return m_node->name; }
std::uintptr_t Shape::origin() const noexcept { return m_node->origin; }

Shape Shape::named(std::string name) const {
    auto copy = std::make_shared<detail::Node>(*m_node);
    copy->name = std::move(name);
    return Shape(std::move(copy));
}

} // namespace lazycad
