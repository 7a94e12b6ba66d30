#pragma once
// The 32-byte SHA-256 identity of a node.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace lazycad {

struct NodeKey {
    std::array<std::uint8_t, 32> bytes{};

    std::string hex() const;
    /// First 12 hex digits, for display.
    std::string short_hex() const { return hex().substr(0, 12); }
    static NodeKey from_hex(const std::string& hex); // throws Error on malformed input

    friend bool operator==(const NodeKey&, const NodeKey&) = default;
    friend auto operator<=>(const NodeKey&, const NodeKey&) = default;
};

/// SHA-256 of arbitrary bytes (OpenSSL EVP), as a key.
NodeKey sha256(const void* data, std::size_t size);
inline NodeKey sha256(const std::string& data) { return sha256(data.data(), data.size()); }

struct NodeKeyHash {
    std::size_t operator()(const NodeKey& k) const noexcept {
        std::size_t h;
        static_assert(sizeof h <= sizeof k.bytes);
        __builtin_memcpy(&h, k.bytes.data(), sizeof h);
        return h;
    }
};

} // namespace lazycad
