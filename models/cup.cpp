// A cup turned from a section whose walls are splines, after build123d's
// tea cup (examples/tea_cup.py):
//
//   with BuildSketch(Plane.XZ) as section:
//       with BuildLine():
//           outer = Spline(...); inner = Spline(...); Polyline(...)
//       make_face()
//   revolve(axis=Axis.Z)
//
// The section is drawn in XY (x = radius, y = height) and stood up in XZ.
//   lazycad run models/cup.cpp -D wall=4
#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double height = param("height", 90.0);
    double base = param("base_radius", 30.0);
    double rim = param("rim_radius", 48.0);
    double wall = param("wall", 3.0);

    // The outer wall swells a little above the base, then flares to the rim.
    Shape outer = spline({{base, 0, 0}, {base + 8, 0.28 * height, 0}, {base + 12, 0.6 * height, 0},
                          {rim, height, 0}},
                         {1, 1.5, 0}, {0.5, 1, 0});
    // The inner wall follows it a wall's thickness in, from the rim down.
    Shape inner = spline({{rim - wall, height, 0}, {base + 12 - wall, 0.6 * height, 0},
                          {base + 8 - wall, 0.28 * height, 0}, {base - wall, wall, 0}},
                         {-0.5, -1, 0}, {-1, -1.5, 0});
    Shape section = face(wire({segment({0, 0, 0}, {base, 0, 0}), outer,
                               segment({rim, height, 0}, {rim - wall, height, 0}), inner,
                               segment({base - wall, wall, 0}, {0, wall, 0}),
                               segment({0, wall, 0}, {0, 0, 0})}))
                        .named("section");
    Shape cup = on(Plane::XZ, section).revolve();
    display(cup.named("cup"), color::white);
}
