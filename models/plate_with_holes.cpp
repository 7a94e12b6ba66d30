// A mounting plate with a grid of counterbored holes: a long chain of booleans,
// each cut on the result of the one before. tests/bench/bench_overhead_twin.cpp
// makes the same OCCT calls directly, to measure what laziness costs.
//   lazycad run models/plate_with_holes.cpp -D rows=3 -D cols=4
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double thickness = param("thickness", 8.0);
    int rows = param("rows", 4);
    int cols = param("cols", 6);
    double pitch = param("pitch", 12.0);
    double hole_r = param("hole_radius", 2.5);

    Shape plate = box(cols * pitch, rows * pitch, thickness);
    // Tools overshoot the plate by 1 mm so no face is coplanar with it.
    Shape hole = cylinder(hole_r, thickness + 2).down(1);
    Shape counterbore = cylinder(2 * hole_r, thickness / 2 + 1).up(thickness / 2);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            double x = pitch * (c + 0.5), y = pitch * (r + 0.5);
            plate = plate - hole.translate(x, y, 0) - counterbore.translate(x, y, 0);
        }
    display(plate.named("plate"), color::steel);
}
