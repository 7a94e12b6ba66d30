#pragma once
// The process-wide memory cache: node key -> evaluated OCCT shape. Shapes are
// immutable once built, so sharing them between nodes and threads is safe.

#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <TopoDS_Shape.hxx>

#include "lazycad/key.hpp"

namespace lazycad::detail {

class MemoryCache {
public:
    static MemoryCache& instance();

    std::optional<TopoDS_Shape> get(const NodeKey& key) const;
    bool contains(const NodeKey& key) const;
    void put(const NodeKey& key, const TopoDS_Shape& shape);
    void clear();
    /// Keep only the entries whose key is in `keys`.
    void retain(const std::unordered_set<NodeKey, NodeKeyHash>& keys);

private:
    mutable std::mutex m_mutex;
    std::unordered_map<NodeKey, TopoDS_Shape, NodeKeyHash> m_shapes;
};

} // namespace lazycad::detail
