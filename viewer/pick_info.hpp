#pragma once
// What the Measure panel says about picked entities: one entity's properties
// (face: type, area, normal or axis, radius; edge: type, length, radius;
// vertex: coordinates; part: volume, area, bounding box, centre of mass), and
// the minimum distance and angle between two. OCCT only, no Qt; may take a
// while on big shapes, so the window calls it off the GUI thread.

#include <optional>
#include <string>

#include <TopoDS_Shape.hxx>

namespace lazycad::viewer {

/// Several lines of text about one picked entity.
std::string describe_pick(const TopoDS_Shape& s);

struct PairMeasure {
    std::optional<double> distance; ///< minimum distance (BRepExtrema), mm
    std::optional<double> angle;    ///< degrees, between two planes or two lines
    std::string text;               ///< for the panel
};

/// Minimum distance between `a` and `b`, and their angle when both are planar
/// faces or straight edges. Never throws: failures land in `text`.
PairMeasure measure_pair(const TopoDS_Shape& a, const TopoDS_Shape& b);

} // namespace lazycad::viewer
