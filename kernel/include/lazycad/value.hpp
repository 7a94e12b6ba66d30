#pragma once
// Typed operation parameters. Every parameter of a node is a named Value; the
// node key encodes each one as (type tag, length, canonical bytes), so values of
// different types or shapes never encode alike.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "geometry.hpp"
#include "units.hpp"

namespace lazycad {

class Value;
using ValueList = std::vector<Value>;

class Value {
public:
    using Storage = std::variant<bool, std::int64_t, double, std::string, Angle, Point, Vec,
                                 Point2, ValueList>;

    Value(bool v) : m_v(v) {}
    Value(int v) : m_v(std::int64_t(v)) {}
    Value(std::int64_t v) : m_v(v) {}
    Value(double v) : m_v(v) {}
    Value(const char* v) : m_v(std::string(v)) {}
    Value(std::string v) : m_v(std::move(v)) {}
    Value(Angle v) : m_v(v) {}
    Value(Point v) : m_v(v) {}
    Value(Vec v) : m_v(v) {}
    Value(Point2 v) : m_v(v) {}
    Value(ValueList v) : m_v(std::move(v)) {}

    const Storage& storage() const noexcept { return m_v; }
    template <class T> bool is() const noexcept { return std::holds_alternative<T>(m_v); }
    template <class T> const T& as() const { return std::get<T>(m_v); }

    /// Human-readable form for tools (`lazycad tree`), never used for keys.
    std::string to_string() const;

private:
    Storage m_v;
};

struct NamedValue {
    std::string name;
    Value value;
};
using Params = std::vector<NamedValue>;

} // namespace lazycad
