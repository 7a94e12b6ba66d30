// slot(): CadQuery's slot2D, drawn with the Pen (two lines, two half circles).

#include <fmt/format.h>

#include "lazycad/pen.hpp"
#include "lazycad/sketch.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

Shape slot(double length, double width, Angle angle) {
    require_length("slot", "width", width);
    require_length("slot", "length", length);
    require(length >= width, "slot", "length",
            fmt::format("must be at least the width {} (got {})", width, length));
    const double r = width / 2, a = length / 2 - r;
    require(std::isfinite(angle.radians()), "slot", "angle", "must be finite");
    Shape s = a < 1e-9 ? circle(r)
                       : Pen({-a, -r}).line_to(a, -r).arc_to({a + r, 0}, {a, r}).line_to(-a, r)
                             .arc_to({-a - r, 0}, {-a, -r}).close();
    return angle.radians() == 0 ? s : s.rotate_z(angle);
}

} // namespace lazycad
