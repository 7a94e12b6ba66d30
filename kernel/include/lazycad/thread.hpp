#pragma once
// ISO metric threads (ISO 68-1 basic profile, ISO 261/262 coarse and fine sizes).
//
// Every thread lies along +Z from z = 0 to z = length. Its phase is fixed:
// the middle of the tooth (external) or groove (internal) crosses the +X
// half-plane at z = 0, P, 2P, ... . So any two threads of the same pitch and
// hand mesh when their z offsets differ by a whole number of pitches.

#include <string>
#include <vector>

#include "shape.hpp"

namespace lazycad {

enum class ThreadKind {
    /// The helical tooth of a screw. Fuse it with a shank cylinder of the minor
    /// diameter d1 = d - 1.082532 P (see thread_minor_diameter): the result is
    /// the ISO 68-1 basic profile between d1 and d. The tooth reaches H/8 below
    /// d1 so that the fuse overlaps instead of touching (any shank radius
    /// between d1/2 - H/8 and d/2 fuses into one solid).
    external,
    /// A cutting tool: subtract it, together with a bore of the minor diameter
    /// D1 (or slightly more, for a 6H fit: nut() bores D1 + 2 clearance), from
    /// a body, and what remains is an ISO internal thread: basic flanks
    /// (widened by `clearance` on each side), crest at the bore, root H/16
    /// beyond the major diameter D (ISO leaves the internal root free beyond
    /// D). The tool reaches H/16 inside D1, so the bore and the tool overlap.
    internal,
};

enum class Hand { right, left };

/// How the thread stops at z = 0 (`start`) and z = length (`end`).
enum class ThreadEnd {
    /// Cut flat by the end plane (for tools that go right through a part).
    square,
    /// A 45° cone takes the tooth down to inside the minor diameter at the end
    /// plane (the chamfer at a bolt's tip).
    chamfered,
    /// The tooth runs out along a shallow cone over 2.5 pitches (the runout a
    /// die leaves before a bolt's head, ISO 4755 "normal" runout x = 2.5 P).
    faded,
};

struct ThreadSpec {
    double diameter = 0; ///< nominal (major) diameter d, mm
    double pitch = 0;    ///< P, mm
    double length = 0;   ///< along +Z from z = 0, mm
    ThreadKind kind = ThreadKind::external;
    Hand hand = Hand::right;
    ThreadEnd start = ThreadEnd::chamfered;
    ThreadEnd end = ThreadEnd::chamfered;
    /// Internal threads only: widening of the groove on each flank, mm
    /// (0 <= clearance <= P/16). A running fit for a basic-profile bolt;
    /// 0.02 mm keeps the pitch diameter inside the 6H tolerance for M2-M36.
    double clearance = 0;
};

/// One ISO 261/262 size.
struct ThreadSize {
    std::string name; ///< "M8", or "M8x1" for a fine pitch
    double diameter;  ///< d, mm
    double pitch;     ///< P, mm
};

/// The coarse sizes M2 ... M36 (ISO 261 / ISO 262), smallest first.
const std::vector<ThreadSize>& iso_coarse_sizes();
/// The coarse size called `name` ("M8"). Throws Error (operation "thread",
/// parameter "size") listing the valid names if it is unknown.
ThreadSize iso_coarse_size(const std::string& name);
/// An ISO 261 size by name: coarse ("M10") or fine ("M10x1.25": one of the
/// fine pitches ISO 261 lists for that diameter). Throws Error (operation
/// "thread", parameter "size") naming the valid choices.
ThreadSize iso_size(const std::string& name);
/// A spec for the size `name` (coarse or fine, see iso_size), external,
/// right-hand, chamfered ends. Throws like iso_size, or if `length` is not
/// positive.
ThreadSpec thread_spec(const std::string& name, double length);

/// ISO 68-1 basic minor diameter d1 = D1 = d - 1.082532 P, mm.
double thread_minor_diameter(double diameter, double pitch);
/// ISO 68-1 basic pitch diameter d2 = D2 = d - 0.649519 P, mm.
double thread_pitch_diameter(double diameter, double pitch);

/// The thread described by `spec` (a lazy, cached node). Throws Error naming
/// "thread" and the parameter: diameter, pitch, length not positive; pitch
/// larger than half the diameter; clearance out of range; length longer than
/// 10000 pitches.
Shape thread(const ThreadSpec& spec);
/// External right-hand thread of size `size` ("M8", "M8x1"), chamfered ends.
Shape thread(const std::string& size, double length);
/// External right-hand thread of diameter `d` and `pitch`, chamfered ends.
Shape thread(double diameter, double pitch, double length);

// Bolts, nuts and washers are in the parts library: <lazycad/parts.hpp>.

} // namespace lazycad
