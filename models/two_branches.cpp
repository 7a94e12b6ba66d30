// Two parts with no shared work: each is a chain of booleans, so the evaluator
// can build them on two threads at once (`--jobs 2`). Used by `make bench`.
//   lazycad run models/two_branches.cpp --jobs 2
// bench-edit: right_hole_radius
#include <lazycad/lazycad.hpp>
using namespace lazycad;

namespace {

/// A block of size w × d × t with n × n through holes of radius r along Z,
/// cut one at a time (a deliberately long chain).
Shape drilled_block(double w, double d, double t, int n, double r) {
    Shape block = box(w, d, t);
    Shape hole = cylinder(r, t + 2).down(1);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            block = block - hole.translate(w * (i + 0.5) / n, d * (j + 0.5) / n, 0);
    return block;
}

} // namespace

LAZYCAD_MODEL() {
    int holes = param("holes", 6);
    double left_r = param("left_hole_radius", 2.0);
    double right_r = param("right_hole_radius", 2.5);
    Shape left = drilled_block(80, 80, 10, holes, left_r).named("left");
    Shape right = drilled_block(80, 80, 10, holes, right_r).right(100).named("right");
    display(left, color::steel);
    display(right, color::brass);
}
