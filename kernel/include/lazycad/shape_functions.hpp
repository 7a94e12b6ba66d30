#pragma once
// The one rule: every operation method `s.m(args)` of Shape (transforms,
// features, from-2D) also exists as a free function `m(s, args)`, so a model
// reads in CadQuery's chained style or in zencad's functional one:
//
//     Shape a = box(10, 10, 10).fillet(1).up(5);
//     Shape b = up(fillet(box(10, 10, 10), 1), 5);   // the same node, the same key
//
// Each is an inline call of the method: no logic of its own. (Node controls,
// named/pin/recompute/uncached/allow_empty, stay methods only.)

#include "plane.hpp"
#include "shape.hpp"

namespace lazycad {

// --- transforms ---------------------------------------------------------------
inline Shape translate(const Shape& s, double x, double y, double z) { return s.translate(x, y, z); }
inline Shape translate(const Shape& s, Vec v) { return s.translate(v); }
inline Shape up(const Shape& s, double d) { return s.up(d); }
inline Shape down(const Shape& s, double d) { return s.down(d); }
inline Shape left(const Shape& s, double d) { return s.left(d); }
inline Shape right(const Shape& s, double d) { return s.right(d); }
inline Shape forw(const Shape& s, double d) { return s.forw(d); }
inline Shape back(const Shape& s, double d) { return s.back(d); }
inline Shape rotate_x(const Shape& s, Angle a) { return s.rotate_x(a); }
inline Shape rotate_y(const Shape& s, Angle a) { return s.rotate_y(a); }
inline Shape rotate_z(const Shape& s, Angle a) { return s.rotate_z(a); }
inline Shape rotate(const Shape& s, Point origin, Vec direction, Angle a) {
    return s.rotate(origin, direction, a);
}
inline Shape mirror(const Shape& s, const Plane& plane) { return s.mirror(plane); }
inline Shape scale(const Shape& s, double factor) { return s.scale(factor); }

// --- features -----------------------------------------------------------------
inline Shape fillet(const Shape& s, double r, const EdgeSelector& which = edges::all()) {
    return s.fillet(r, which);
}
inline Shape chamfer(const Shape& s, double d, const EdgeSelector& which = edges::all()) {
    return s.chamfer(d, which);
}
inline Shape fillet2d(const Shape& s, double r) { return s.fillet2d(r); }
inline Shape shell(const Shape& s, double thickness, const FaceSelector& open = faces::top(),
                   Join join = Join::intersection) {
    return s.shell(thickness, open, join);
}
inline Shape offset(const Shape& s, double distance, Join join = Join::arc) {
    return s.offset(distance, join);
}

// --- from 2D ------------------------------------------------------------------
inline Shape extrude(const Shape& s, double height) { return s.extrude(height); }
inline Shape extrude(const Shape& s, double height, Angle draft) { return s.extrude(height, draft); }
inline Shape revolve(const Shape& s, Angle angle = deg(360), Axis axis = Axis::Z) {
    return s.revolve(angle, axis);
}

} // namespace lazycad
