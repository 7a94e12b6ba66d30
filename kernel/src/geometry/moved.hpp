#pragma once
// Moving a shape without piling up locations.

#include <TopoDS_Shape.hxx>
#include <gp_Trsf.hxx>

namespace lazycad::detail {

/// `s` moved by `t`, with its location collapsed into one transformation.
/// TopoDS_Shape::Moved (OCCT 7.6) appends to a linked list of locations, so a
/// chain of 2000 translates made a 2000-long list that every later traversal
/// (booleans, volume, export) walks and reallocates: seconds instead of ms.
TopoDS_Shape moved(const TopoDS_Shape& s, const gp_Trsf& t);

} // namespace lazycad::detail
