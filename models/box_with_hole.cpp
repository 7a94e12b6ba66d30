// The smallest useful model: a block with a hole through it.
//   lazycad run models/box_with_hole.cpp -D height=30
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double h = param("height", 20.0);
    display(box(10, 10, h) - cylinder(3, h).right(5).forw(5));
}
