#pragma once
// Canonical, injective encoding of a node's identity, hashed with SHA-256.
// Every field is (type tag, length, bytes): two different parameter lists can
// never produce the same byte stream.

#include <initializer_list>
#include <string_view>
#include <vector>

#include "lazycad/key.hpp"
#include "lazycad/value.hpp"

namespace lazycad::detail {

/// Bumped when the key layout changes, or when old entries must never be
/// looked up again. (The entry layout has its own version: entry_format_version,
/// cache/entry.hpp.)
inline constexpr unsigned cache_format_version = 1;

class KeyEncoder {
public:
    KeyEncoder();
    void tag(std::uint8_t t);
    void u64(std::uint64_t v);
    void bytes(std::string_view b); ///< length-prefixed
    void value(const Value& v);
    const std::vector<std::uint8_t>& data() const { return m_data; }
    void clear() { m_data.clear(); }

private:
    std::vector<std::uint8_t> m_data;
};

NodeKey sha256_key(const void* data, std::size_t size);
/// SHA-256 of the concatenation of `parts`, without concatenating them.
NodeKey sha256_key(std::initializer_list<std::string_view> parts);

/// The key of a node made of these parts.
NodeKey node_key(std::string_view op, unsigned version, const Params& params,
                 const std::vector<const NodeKey*>& parent_keys);

/// -0.0 -> 0.0 throughout; returns the name path of a NaN/inf parameter if any.
void canonicalize(Value& v);
bool is_finite(const Value& v);

} // namespace lazycad::detail
