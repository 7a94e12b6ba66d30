#pragma once
// Cheap sanity checks of every boolean of solids (volumes cost little next to
// the boolean): an empty result is an Error unless the node allows it
// (Shape::allow_empty), and the result's volume must lie within what the
// operands' volumes allow. OCCT has returned empty and untouched shapes with no
// error for operands it mishandled; these catch the wrong volume instead.

#include <optional>
#include <vector>

#include <TopoDS_Shape.hxx>

#include "graph/node.hpp"

namespace lazycad::detail {

enum class BooleanKind { fuse, cut, common };

/// Throws Error naming `c`'s operation if `result` of `kind` applied to
/// `operands` (object first, then tools) is empty without the node's
/// `allow_empty` flag, or its volume is out of bounds:
///   cut:    vol(a) - sum vol(tools) <= vol <= vol(a)
///   common: vol <= min vol(operands)
///   fuse:   max vol(operands) <= vol <= sum vol(operands)
/// Only when every operand holds solids; with a relative tolerance of 1e-6
/// plus the integration's own error. The cheap part first: the result's
/// volume from the operands' (remembered or integrated once) and the faces
/// that differ between them and the result only (a boolean keeps the faces it
/// does not touch); the result's full volume only when that looks wrong, to
/// decide (integrated again finely before OCCT is blamed) and to say so. A result that is empty or keeps an
/// operand whole is also checked against points on the operands' boundaries
/// (vertices, edge midpoints): a point of the tool strictly inside the shape
/// means a cut must have removed something, and so on.
void check_boolean_result(BooleanKind kind, const std::vector<TopoDS_Shape>& operands,
                          const TopoDS_Shape& result, const OpContext& c);

/// The volume of `s` if a boolean's check on this process computed it lately
/// (to well within 1e-4): the validity check's sign test then needs no
/// integration of its own.
std::optional<double> known_volume(const TopoDS_Shape& s);

/// A volume and a bound on its integration error.
struct Volume {
    double value, error;
};

/// The volume enclosed by the faces of `s` (a closed shell or solid), as
/// the checks integrate it: planar faces in closed form, the others to 1e-4.
Volume integrated_volume(const TopoDS_Shape& s);

/// Tells the checks that `s` (or a rigidly moved copy) has volume `v`, which
/// its maker knows in closed form (a thread's coil: Pappus per turn), so that
/// a boolean of `s` integrates only the faces it changed.
void remember_volume(const TopoDS_Shape& s, Volume v);

} // namespace lazycad::detail
