#pragma once
// Typed parameter keys. A parameter is written by ops/ (when a node is made)
// and read by geometry/ (when it is computed), two libraries: each family
// declares its keys once, in src/params/<family>.hpp, as the name the
// parameter has in the node key plus the C++ type of its value, and both
// sides use them, so a misspelt name or a wrong type fails to compile instead
// of at run time. Enums travel in the key as the same strings as before
// (keys do not change); the string table lives in the EnumKey.
//
//     make_node(op, {fillet::r(r), fillet::edges(which.expr())}, ...);   // ops/
//     const double r = c[fillet::r];                                     // geometry/

#include <array>
#include <cstddef>
#include <string>
#include <utility>

#include "lazycad/error.hpp"
#include "lazycad/value.hpp"

namespace lazycad::detail {

template <class T> struct ParamKey {
    const char* name;
    /// The parameter with this name and `v` as its value.
    NamedValue operator()(T v) const { return {name, Value(std::move(v))}; }
};

template <class E> struct EnumName {
    E value;
    const char* name;
};

/// An enum parameter, stored as the string its table gives the value.
template <class E, std::size_t N> struct EnumKey {
    const char* name;
    std::array<EnumName<E>, N> names;

    NamedValue operator()(E e) const {
        for (const EnumName<E>& n : names)
            if (n.value == e) return {name, Value(n.name)};
        throw Error("", name, std::string("internal error: no name for a value of parameter '") +
                                  name + "'");
    }
    /// The value named `s`; throws Error naming `op` and the parameter otherwise.
    E decode(const std::string& op, const std::string& s) const {
        for (const EnumName<E>& n : names)
            if (s == n.name) return n.value;
        throw Error(op, name, op + ": parameter '" + name + "' has no value '" + s + "'");
    }
};

} // namespace lazycad::detail
