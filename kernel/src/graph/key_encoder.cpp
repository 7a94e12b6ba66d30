#include "graph/key_encoder.hpp"

#include <bit>
#include <cmath>
#include <cstring>

#include <Standard_Version.hxx>
#include <openssl/evp.h>

#include "lazycad/error.hpp"

namespace lazycad::detail {

namespace {

enum Tag : std::uint8_t {
    t_bool = 0x01,
    t_int = 0x02,
    t_double = 0x03,
    t_string = 0x04,
    t_angle = 0x05,
    t_point = 0x06,
    t_vec = 0x07,
    t_point2 = 0x08,
    t_list = 0x09,
    t_domain = 0x10,
    t_occt = 0x11,
    t_op = 0x12,
    t_params = 0x13,
    t_parents = 0x14,
};

std::uint64_t double_bits(double d) {
    if (d == 0.0) d = 0.0; // -0.0 and 0.0 are one value
    return std::bit_cast<std::uint64_t>(d);
}

} // namespace

KeyEncoder::KeyEncoder() { m_data.reserve(256); }

void KeyEncoder::tag(std::uint8_t t) { m_data.push_back(t); }

void KeyEncoder::u64(std::uint64_t v) {
    std::uint8_t le[8];
    for (int i = 0; i < 8; ++i) le[i] = std::uint8_t(v >> (8 * i));
    m_data.insert(m_data.end(), le, le + 8);
}

void KeyEncoder::bytes(std::string_view b) {
    u64(b.size());
    m_data.insert(m_data.end(), b.begin(), b.end());
}

void KeyEncoder::value(const Value& v) {
    // Each value: tag, then the length of its content in bytes, then the content.
    auto fixed = [&](Tag t, std::initializer_list<double> ds) {
        tag(t);
        u64(8 * ds.size());
        for (double d : ds) u64(double_bits(d));
    };
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) {
                tag(t_bool);
                u64(1);
                m_data.push_back(x ? 1 : 0);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                tag(t_int);
                u64(8);
                u64(std::uint64_t(x));
            } else if constexpr (std::is_same_v<T, double>) {
                fixed(t_double, {x});
            } else if constexpr (std::is_same_v<T, std::string>) {
                tag(t_string);
                bytes(x);
            } else if constexpr (std::is_same_v<T, Angle>) {
                fixed(t_angle, {x.radians()});
            } else if constexpr (std::is_same_v<T, Point>) {
                fixed(t_point, {x.x, x.y, x.z});
            } else if constexpr (std::is_same_v<T, Vec>) {
                fixed(t_vec, {x.x, x.y, x.z});
            } else if constexpr (std::is_same_v<T, Point2>) {
                fixed(t_point2, {x.x, x.y});
            } else if constexpr (std::is_same_v<T, ValueList>) {
                KeyEncoder inner;
                inner.u64(x.size());
                for (const Value& e : x) inner.value(e);
                tag(t_list);
                u64(inner.m_data.size());
                m_data.insert(m_data.end(), inner.m_data.begin(), inner.m_data.end());
            }
        },
        v.storage());
}

NodeKey sha256_key(std::initializer_list<std::string_view> parts) {
    // Fetched once and a context per thread, reused: every node is hashed,
    // and OpenSSL 3's implicit fetch takes a lock and a context an allocation.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    struct Context {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        ~Context() { EVP_MD_CTX_free(ctx); }
    };
    thread_local Context context;
    EVP_MD_CTX* ctx = context.ctx;
    NodeKey key;
    unsigned len = 0;
    bool ok = ctx && sha256 && EVP_DigestInit_ex2(ctx, sha256, nullptr) == 1;
    for (std::string_view part : parts) ok = ok && EVP_DigestUpdate(ctx, part.data(), part.size()) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx, key.bytes.data(), &len) == 1 && len == 32;
    if (!ok) throw Error("SHA-256 through OpenSSL failed");
    return key;
}

NodeKey sha256_key(const void* data, std::size_t size) {
    return sha256_key({std::string_view(static_cast<const char*>(data), size)});
}

NodeKey node_key(std::string_view op, unsigned version, const Params& params,
                 const std::vector<const NodeKey*>& parent_keys) {
    thread_local KeyEncoder e; // its buffer, reused
    e.clear();
    e.tag(t_domain);
    e.bytes("lazycad.node");
    e.u64(cache_format_version);
    e.tag(t_occt);
    e.bytes(OCC_VERSION_COMPLETE);
    e.tag(t_op);
    e.bytes(op);
    e.u64(version);
    e.tag(t_params);
    e.u64(params.size());
    for (const NamedValue& p : params) {
        e.bytes(p.name);
        e.value(p.value);
    }
    e.tag(t_parents);
    e.u64(parent_keys.size());
    for (const NodeKey* k : parent_keys)
        e.bytes(std::string_view(reinterpret_cast<const char*>(k->bytes.data()), 32));
    return sha256_key(e.data().data(), e.data().size());
}

void canonicalize(Value& v) {
    if (v.is<double>() && v.as<double>() == 0.0) {
        v = Value(0.0);
    } else if (v.is<ValueList>()) {
        ValueList list = v.as<ValueList>();
        for (Value& e : list) canonicalize(e);
        v = Value(std::move(list));
    }
    // Angles, points and vectors are canonicalised bitwise in double_bits().
}

bool is_finite(const Value& v) {
    return std::visit(
        [](const auto& x) -> bool {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, double>) return std::isfinite(x);
            else if constexpr (std::is_same_v<T, Angle>) return std::isfinite(x.radians());
            else if constexpr (std::is_same_v<T, Point> || std::is_same_v<T, Vec>)
                return std::isfinite(x.x) && std::isfinite(x.y) && std::isfinite(x.z);
            else if constexpr (std::is_same_v<T, Point2>)
                return std::isfinite(x.x) && std::isfinite(x.y);
            else if constexpr (std::is_same_v<T, ValueList>) {
                for (const Value& e : x)
                    if (!is_finite(e)) return false;
                return true;
            } else return true;
        },
        v.storage());
}

} // namespace lazycad::detail
