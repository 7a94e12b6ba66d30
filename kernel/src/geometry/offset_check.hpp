#pragma once
// A check of what OCCT's offset algorithms return. BRepOffset sometimes trims
// an offset face against the wrong neighbour and still returns a solid that
// BRepCheck finds valid, with a wall of the wrong thickness: the shell of a
// solid of revolution whose profile is a polyline of 12 or more segments loses
// up to 9 % of its volume (issue 11, bug 2). Every point of an offset face lies
// at least the offset distance from the faces it was made from, and exactly at
// that distance when gaps are rounded (arc joins) — so a point on an edge of
// an offset face that is closer than that proves the wall wrong.

#include <string>

#include <TopTools_ListOfShape.hxx>
#include <TopoDS_Shape.hxx>

namespace lazycad::detail {

/// How far an offset result's new faces must be from the faces they came from.
struct OffsetWall {
    double distance;    ///< > 0: the wall's thickness or the offset's length
    bool exact = false; ///< arc joins: no farther than `distance` either
};

/// Throws an Error for `op` naming `param` unless every sampled point on the
/// edges of `result`'s new faces is `wall.distance` (or more, unless exact)
/// from the faces of `body` that are not in `open`. New faces are those of
/// `result` that are neither faces of `body` nor lie on an open face's surface.
void check_offset_wall(const TopoDS_Shape& body, const TopTools_ListOfShape& open,
                       const TopoDS_Shape& result, OffsetWall wall, const std::string& op,
                       const char* param);

} // namespace lazycad::detail
