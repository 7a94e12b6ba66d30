#include "cache/memory_cache.hpp"

namespace lazycad::detail {

MemoryCache& MemoryCache::instance() {
    static MemoryCache cache;
    return cache;
}

std::optional<TopoDS_Shape> MemoryCache::get(const NodeKey& key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_shapes.find(key);
    if (it == m_shapes.end()) return std::nullopt;
    return it->second;
}

bool MemoryCache::contains(const NodeKey& key) const {
    std::lock_guard lock(m_mutex);
    return m_shapes.count(key) != 0;
}

void MemoryCache::put(const NodeKey& key, const TopoDS_Shape& shape) {
    std::lock_guard lock(m_mutex);
    m_shapes.insert_or_assign(key, shape);
}

void MemoryCache::clear() {
    std::lock_guard lock(m_mutex);
    m_shapes.clear();
}

void MemoryCache::retain(const std::unordered_set<NodeKey, NodeKeyHash>& keys) {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_shapes, [&](const auto& entry) { return keys.count(entry.first) == 0; });
}

} // namespace lazycad::detail
