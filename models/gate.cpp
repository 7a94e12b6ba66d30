// The bracket ("gate") from the zencad article, ported: a Π of three boxes with
// filleted inner corners, two ears (box + round end) mirrored to both sides,
// hexagonal nut pockets in the ears, a slot in the top and two 2 mm holes.
//   lazycad view models/gate.cpp -D width=60
#include <cmath>

#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double w = param("width", 40.0);     // outer width of the Π
    double h = param("height", 20.0);    // outer height
    double d = param("depth", 10.0);     // along Y
    double t = param("thickness", 3.0);  // wall thickness
    double r = param("fillet", 2.0);     // inner corner radius
    double ear = param("ear", 8.0);      // how far each ear reaches out

    // The Π: a top beam on two legs, inner corners rounded.
    Shape gate = box(w, d, t).up(h - t) + box(t, d, h) + box(t, d, h).right(w - t);
    gate = gate.fillet(r, edges::near({t, d / 2, h - t}) | edges::near({w - t, d / 2, h - t}));

    // An ear at the foot of the left leg: a tab with a round end, a nut pocket
    // (M2 nut: 4 mm across flats) and a 2.2 mm clearance hole through it.
    Shape tab = box(ear, d, t).left(ear) + cylinder(d / 2, t).left(ear).forw(d / 2);
    Shape pocket = ngon(4.0 / std::sqrt(3.0), 6).extrude(1.6).up(t - 1.6);
    Shape hole = cylinder(1.1, t);
    Shape left_ear = tab - (pocket + hole).left(ear).forw(d / 2);
    // The right ear is the left one mirrored through the gate's middle plane.
    Shape right_ear = left_ear.left(w / 2).mirror(Plane::YZ).right(w / 2);

    // A slot through the top beam and two 2 mm holes beside it.
    Shape slot = box(w / 3, 2.0, t).right(w / 3).forw(d / 2 - 1.0).up(h - t);
    Shape holes = cylinder(1.0, t).right(w / 6).forw(d / 2).up(h - t) +
                  cylinder(1.0, t).right(5 * w / 6).forw(d / 2).up(h - t);

    display(union_all({gate, left_ear, right_ear}) - slot - holes, color::orange);
}
