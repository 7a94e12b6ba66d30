// Hex bolts, nuts and washers, composed of lazy operations of the public API
// (ngon().extrude(), cylinder, cone, booleans, thread) so that each part of
// them is a cached node of its own: the threaded shank of a bolt("M8", 30) is
// the same node as cylinder(d1/2, 30) + thread(spec) written by hand.

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "lazycad/error.hpp"
#include "lazycad/parts.hpp"
#include "lazycad/sketch.hpp"
#include "lazycad/thread.hpp"
#include "iso_tables.hpp"

namespace lazycad {

using namespace parts;

namespace {

[[noreturn]] void fail(const std::string& op, const std::string& param, const std::string& what) {
    throw Error(op, param, fmt::format("{}: parameter '{}' {}", op, param, what));
}

/// The nominal size of `size`: "M10x1.25" is M10's.
std::string nominal(const std::string& size) { return size.substr(0, size.find_first_of("xX")); }

constexpr double sqrt3 = 1.7320508075688772;
/// Running clearance of nut threads: keeps the pitch diameter within 6H for
/// M2-M36 (at most +0.07 mm) and leaves a bolt of basic profile free.
constexpr double nut_clearance = 0.02;

/// Hex prism of across-flats `s` from z = 0 to `h` (flats parallel to X).
Shape hex_prism(double s, double h) {
    return ngon(s / sqrt3, 6).extrude(h);
}

/// Cone that bevels the corners of a hex prism of across-flats `s` at 30°
/// to its face at z = h (narrow end up; the bevel circle is 0.95 s wide so
/// that the cone never just touches the flats).
Shape bevel_up(double s, double h) {
    double r_top = 0.95 * s / 2;
    return cone(r_top + sqrt3 * h, r_top, h);
}

/// The same bevel at the face z = 0 (narrow end down).
Shape bevel_down(double s, double h) {
    double r_top = 0.95 * s / 2;
    return cone(r_top, r_top + sqrt3 * h, h);
}

} // namespace

HexDimensions iso_hex_dimensions(const std::string& size, const char* op) {
    std::string valid;
    for (const HexRow& r : iso_hex_table) {
        if (r.name == nominal(size)) return {r.s, r.k, r.m};
        valid += (valid.empty() ? "" : ", ") + std::string(r.name);
    }
    fail(op, "size",
         fmt::format("'{}' has no ISO 4014/4032 hex dimensions (valid: {})", size, valid));
}

WasherDimensions iso_washer_dimensions(const std::string& size) {
    std::string valid;
    for (const WasherRow& r : iso_washer_table) {
        if (r.name == nominal(size)) return {r.d1, r.d2, r.h};
        valid += (valid.empty() ? "" : ", ") + std::string(r.name);
    }
    fail("washer", "size", fmt::format("'{}' has no ISO 7089 washer (valid: {})", size, valid));
}

Shape bolt(const std::string& size, double length, bool chamfer_head) {
    HexDimensions hex = iso_hex_dimensions(size, "bolt");
    if (!(length > 0) || !std::isfinite(length))
        fail("bolt", "length", fmt::format("must be a positive length (got {})", length));
    ThreadSize t = iso_size(size);
    ThreadSpec spec = thread_spec(size, length);
    spec.start = ThreadEnd::chamfered; // the tip
    spec.end = ThreadEnd::faded;       // runout under the head
    Shape shank = cylinder(thread_minor_diameter(t.diameter, t.pitch) / 2, length) + thread(spec);
    Shape head = hex_prism(hex.across_flats, hex.head_height);
    if (chamfer_head)
        head = head ^ bevel_up(hex.across_flats, hex.head_height);
    return shank + head.up(length);
}

Shape nut(const std::string& size, bool chamfer) {
    HexDimensions hex = iso_hex_dimensions(size, "nut");
    ThreadSize t = iso_size(size);
    const double m = hex.nut_height, pitch = t.pitch;
    Shape body = hex_prism(hex.across_flats, m);
    if (chamfer)
        body = body ^ bevel_up(hex.across_flats, m) ^ bevel_down(hex.across_flats, m);
    // The tap reaches one pitch beyond both faces, so that it cuts through
    // cleanly; moving it down by a whole pitch keeps the thread's phase.
    ThreadSpec spec;
    spec.diameter = t.diameter;
    spec.pitch = pitch;
    spec.length = m + 2 * pitch;
    spec.kind = ThreadKind::internal;
    spec.start = spec.end = ThreadEnd::square;
    spec.clearance = nut_clearance;
    double bore_r = thread_minor_diameter(t.diameter, pitch) / 2 + nut_clearance;
    Shape tap = cylinder(bore_r, spec.length) + thread(spec);
    return body - tap.down(pitch);
}

Shape washer(const std::string& size) {
    WasherDimensions w = iso_washer_dimensions(size);
    return cylinder(w.outer_diameter / 2, w.thickness) - cylinder(w.inner_diameter / 2, w.thickness);
}

} // namespace lazycad
