#include "lazycad/error.hpp"
#include "lazycad/key.hpp"

#include "graph/key_encoder.hpp"

namespace lazycad {

std::string NodeKey::hex() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(64, '0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        s[2 * i] = digits[bytes[i] >> 4];
        s[2 * i + 1] = digits[bytes[i] & 15];
    }
    return s;
}

NodeKey sha256(const void* data, std::size_t size) { return detail::sha256_key(data, size); }

NodeKey NodeKey::from_hex(const std::string& hex) {
    auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw Error("malformed node key '" + hex + "'");
    };
    if (hex.size() != 64) throw Error("malformed node key '" + hex + "'");
    NodeKey k;
    for (std::size_t i = 0; i < 32; ++i)
        k.bytes[i] = std::uint8_t(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
    return k;
}

} // namespace lazycad
