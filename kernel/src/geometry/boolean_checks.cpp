#include "geometry/boolean_checks.hpp"

#include <algorithm>
#include <cmath>

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <fmt/format.h>

#include "eval/validity.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

namespace {

/// A volume and a bound on its integration error.
struct Volume {
    double value, error;
};

Volume volume_of(const TopoDS_Shape& s) {
    // An explicit accuracy: without one, BRepGProp can be off by over 1 % on
    // threads (OCCT 7.6), more than any bound here could absorb.
    constexpr double eps = 1e-7;
    GProp_GProps props;
    double reached = BRepGProp::VolumeProperties(s, props, eps);
    double v = props.Mass();
    return {v, std::abs(v) * std::max(eps, std::isfinite(reached) ? reached : eps)};
}

bool allows_empty(const OpContext& c) { return c.has("allow_empty") && c.flag("allow_empty"); }

[[noreturn]] void empty_result(BooleanKind kind, const OpContext& c) {
    const char* what = kind == BooleanKind::common ? "the shapes do not overlap"
                       : c.op() == "hole"          ? "the hole removes all of the part"
                                                   : "the tool removes all of the shape";
    throw Error(c.op(), "",
                fmt::format("{}: the result is empty ({}); if that is intended, call "
                            ".allow_empty() on it",
                            c.op(), what));
}

} // namespace

void check_boolean_result(BooleanKind kind, const std::vector<TopoDS_Shape>& operands,
                          const TopoDS_Shape& result, const OpContext& c) {
    for (const TopoDS_Shape& s : operands)
        if (count_solids(s) == 0) return; // not a boolean of solids: nothing to bound
    if (kind != BooleanKind::fuse && count_solids(result) == 0) {
        if (allows_empty(c)) return;
        empty_result(kind, c);
    }
    if (!validity_policy_on()) return;

    std::vector<Volume> v;
    double error = 0, scale = 0;
    for (const TopoDS_Shape& s : operands) {
        v.push_back(volume_of(s));
        error += v.back().error;
        scale = std::max(scale, std::abs(v.back().value));
    }
    const Volume r = volume_of(result);
    error += r.error;
    scale = std::max(scale, std::abs(r.value));
    const double tol = 1e-6 * scale + error;

    double low = 0, high = 0;
    switch (kind) {
    case BooleanKind::cut:
        high = v[0].value;
        low = v[0].value;
        for (std::size_t i = 1; i < v.size(); ++i) low -= v[i].value;
        break;
    case BooleanKind::common:
        high = v[0].value;
        for (const Volume& x : v) high = std::min(high, x.value);
        low = 0;
        break;
    case BooleanKind::fuse:
        for (const Volume& x : v) {
            low = std::max(low, x.value);
            high += x.value;
        }
        break;
    }
    if (r.value < low - tol || r.value > high + tol) {
        std::string volumes;
        for (std::size_t i = 0; i < v.size(); ++i)
            volumes += fmt::format("{}{:.6g}", i ? ", " : "", v[i].value);
        throw Error(c.op(), "",
                    fmt::format("{}: OCCT returned a wrong result: its volume {:.6g} is outside "
                                "[{:.6g}, {:.6g}], the bounds the operands' volumes ({}) allow",
                                c.op(), r.value, std::max(low, 0.0), high, volumes));
    }
}

} // namespace lazycad::detail
