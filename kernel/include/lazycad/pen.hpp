#pragma once
// A pen drawing a 2D outline in the XY plane, segment after segment from
// where it stands (CadQuery's lineTo / threePointArc / sagittaArc / radiusArc
// / tangentArcPoint / close, build123d's Line, SagittaArc, RadiusArc,
// TangentArc). A Pen is a cheap value: each call returns a new Pen; nothing is
// built until wire() or close() makes a Shape (op "pen"), whose key holds the
// segments as lines and three-point arcs. Points are absolute unless the name
// says otherwise (line, h_line, v_line). Every call checks its arguments and
// throws Error (op "pen") naming the call as the parameter.
//
//     Shape profile = Pen({0, 0}).h_line(20).v_line(5).tangent_arc_to({30, 15})
//                         .line_to(0, 15).close();              // a face
//     Shape slot = slot(40, 8);                                 // the same idea, ready made

#include <vector>

#include "geometry.hpp"
#include "shape.hpp"
#include "value.hpp"

namespace lazycad {

class Pen {
public:
    /// A pen at `start` (mm), nothing drawn yet.
    explicit Pen(Point2 start = {});

    /// Straight line to (x, y).
    Pen line_to(double x, double y) const;
    /// Straight line by (dx, dy) from where the pen is.
    Pen line(double dx, double dy) const;
    /// Horizontal / vertical line by `d` (relative) or to `x` / `y` (absolute).
    Pen h_line(double d) const;
    Pen v_line(double d) const;
    Pen h_line_to(double x) const;
    Pen v_line_to(double y) const;
    /// Circular arc through `through` to `end`.
    Pen arc_to(Point2 through, Point2 end) const;
    /// Circular arc to `end` whose middle stands `sagitta` from the chord's
    /// middle: to the left of the chord's direction if positive, to the right
    /// if negative (CadQuery's sagittaArc).
    Pen sagitta_arc_to(Point2 end, double sagitta) const;
    /// The shorter circular arc of radius |radius| to `end`, its centre to
    /// the right of the chord if `radius` > 0, to the left if < 0 (CadQuery's
    /// radiusArc). Throws if |radius| is less than half the chord.
    Pen radius_arc_to(Point2 end, double radius) const;
    /// Circular arc to `end` leaving in the direction the last segment ended
    /// (CadQuery's tangentArcPoint with absolute coordinates).
    Pen tangent_arc_to(Point2 end) const;

    /// Where the pen stands.
    Point2 position() const noexcept { return m_pos; }

    /// The open wire drawn (at least one segment).
    Shape wire() const;
    /// The outline closed back to the start (by a line unless already there),
    /// as a face. It must not cross itself (Error when evaluated).
    Shape close() const;

private:
    Pen segment(ValueList item, Point2 end, Point2 tangent) const;
    Point2 m_start, m_pos;
    Point2 m_tangent; ///< unit direction at the end of the last segment; 0 before one
    ValueList m_segments;
};

} // namespace lazycad
