// ISO metric threads: sizes, argument checks and the thread node (its
// construction is described and built in geometry/thread.cpp).

#include "lazycad/thread.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include <fmt/format.h>

#include "graph/node.hpp"
#include "ops/checks.hpp"
#include "ops/thread_seat.hpp"
#include "ops/thread_table.hpp"
#include "params/primitives.hpp"
#include "params/thread.hpp"

namespace lazycad {

using namespace detail;

namespace {

// 2: one turn built by hand and repeated by shared locations, the external
// tooth seated on the minor cylinder, only the ends cut. 3: left-hand pcurves
// within the cylinders' natural u range (BRepGProp mis-integrated them).
const OpDef thread_op{params::thread::op, 3, Cost::expensive, true};

/// A node's typed parameter, or null when it has none (of that type).
template <class T> const T* param_of(const Node& n, const ParamKey<T>& key) {
    for (const NamedValue& p : n.params)
        if (p.name == key.name) return std::get_if<T>(&p.value.storage());
    return nullptr;
}

} // namespace

double thread_minor_diameter(double diameter, double pitch) {
    return diameter - 1.25 * std::numbers::sqrt3 / 2 * pitch; // d - 2 * 5H/8
}

double thread_pitch_diameter(double diameter, double pitch) {
    return diameter - 0.75 * std::numbers::sqrt3 / 2 * pitch; // d - 2 * 3H/8
}

const std::vector<ThreadSize>& iso_coarse_sizes() {
    static const std::vector<ThreadSize> sizes = [] {
        std::vector<ThreadSize> v;
        for (const IsoSizeRow& r : iso_coarse_table)
            v.push_back({std::string(r.name), r.diameter, r.pitch});
        return v;
    }();
    return sizes;
}

ThreadSize iso_coarse_size(const std::string& name) {
    std::string valid;
    for (const ThreadSize& s : iso_coarse_sizes()) {
        if (s.name == name)
            return s;
        valid += (valid.empty() ? "" : ", ") + s.name;
    }
    fail("thread", "size",
         fmt::format("'{}' is not an ISO 261 coarse size (valid: {})", name, valid));
}

ThreadSize iso_size(const std::string& name) {
    const std::size_t x = name.find_first_of("xX");
    if (x == std::string::npos) return iso_coarse_size(name);
    const std::string nominal = name.substr(0, x);
    auto row = std::find_if(iso_fine_table.begin(), iso_fine_table.end(),
                            [&](const IsoFineRow& r) { return r.name == nominal; });
    if (row == iso_fine_table.end())
        fail("thread", "size",
             fmt::format("'{}' is not an ISO 261 size: '{}' is not a coarse size (valid: M2 ... M36)",
                         name, nominal));
    const std::string pitch_text = name.substr(x + 1);
    char* end = nullptr;
    const double pitch = std::strtod(pitch_text.c_str(), &end);
    std::string valid;
    for (double p : row->pitches) {
        if (p == 0) break;
        if (!pitch_text.empty() && *end == '\0' && std::abs(p - pitch) < 1e-9)
            return {fmt::format("{}x{}", nominal, p), iso_coarse_size(nominal).diameter, p};
        valid += fmt::format("{}{}x{}", valid.empty() ? "" : ", ", nominal, p);
    }
    fail("thread", "size",
         fmt::format("'{}' is not an ISO 261 fine size (fine sizes of {}: {})", name, nominal, valid));
}

ThreadSpec thread_spec(const std::string& name, double length) {
    ThreadSize s = iso_size(name);
    require_length("thread", "length", length);
    ThreadSpec spec;
    spec.diameter = s.diameter;
    spec.pitch = s.pitch;
    spec.length = length;
    return spec;
}

Shape thread(const ThreadSpec& s) {
    require_length("thread", "diameter", s.diameter);
    require_length("thread", "pitch", s.pitch);
    require_length("thread", "length", s.length);
    require(s.pitch <= s.diameter / 2, "thread", "pitch",
            fmt::format("must be at most half the diameter (got pitch {} for diameter {})", s.pitch,
                        s.diameter));
    require(s.length <= 10000 * s.pitch, "thread", "length",
            fmt::format("must be at most 10000 pitches (got {} for pitch {})", s.length, s.pitch));
    require_length_or_zero("thread", "clearance", s.clearance);
    require(s.clearance <= s.pitch / 16, "thread", "clearance",
            fmt::format("must be at most pitch/16 = {} (got {})", s.pitch / 16, s.clearance));
    require(s.clearance == 0 || s.kind == ThreadKind::internal, "thread", "clearance",
            "applies to internal threads only (external threads keep the basic profile)");
    namespace p = params::thread;
    return make_node(thread_op, {p::diameter(s.diameter),
                                 p::pitch(s.pitch),
                                 p::length(s.length),
                                 p::internal(s.kind == ThreadKind::internal),
                                 p::left_hand(s.hand == Hand::left),
                                 p::start(s.start),
                                 p::end(s.end),
                                 p::clearance(s.clearance)});
}

bool detail::thread_seated_on(const Shape& thread, const Shape& core) {
    const Node& t = thread.node();
    const Node& c = core.node();
    if (t.op != thread_op.name || c.op != params::cylinder::op) return false;
    namespace tp = params::thread;
    namespace cp = params::cylinder;
    const bool* internal = param_of(t, tp::internal);
    const double *d = param_of(t, tp::diameter), *pitch = param_of(t, tp::pitch),
                 *length = param_of(t, tp::length), *r = param_of(c, cp::r), *h = param_of(c, cp::h);
    const bool* center = param_of(c, cp::center);
    if (!internal || !d || !pitch || !length || !r || !h || !center) return false;
    const double r_minor = thread_minor_diameter(*d, *pitch) / 2;
    return !*internal && !*center && std::abs(*r - r_minor) <= 1e-9 * r_minor && *h >= *length;
}

Shape thread(const std::string& size, double length) {
    return thread(thread_spec(size, length));
}

Shape thread(double diameter, double pitch, double length) {
    ThreadSpec spec;
    spec.diameter = diameter;
    spec.pitch = pitch;
    spec.length = length;
    return thread(spec);
}

} // namespace lazycad
