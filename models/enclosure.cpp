// A parametric electronics enclosure: a shelled body with rounded corners,
// four screw bosses tapped M3, and a lid with countersunk holes and an
// engraved label. The lid is shown lifted above the body.
//   lazycad view models/enclosure.cpp -D width=80 -D label=v2
#include <string>
#include <vector>

#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    double w = param("width", 60.0);
    double d = param("depth", 40.0);
    double h = param("height", 25.0);
    double wall = param("wall", 2.0);
    double corner = param("corner", 4.0);
    double lid_t = param("lid", 2.5);
    std::string label = param("label", "lazycad");

    // Body: a rounded block, hollowed with the top face open.
    Shape body = box(w, d, h).fillet(corner, edges::parallel_to(Axis::Z)).shell(wall, faces::top());

    // Bosses in the corners, each tapped M3 (8 mm deep) from the top.
    ThreadSize m3 = iso_coarse_size("M3");
    double inset = corner + 1.5;
    double boss_h = h - wall;
    double tap_depth = 8.0;
    ThreadSpec tap = thread_spec("M3", tap_depth);
    tap.kind = ThreadKind::internal;
    tap.start = tap.end = ThreadEnd::square;
    tap.clearance = 0.02;
    Shape tap_tool = cylinder(thread_minor_diameter(m3.diameter, m3.pitch) / 2, tap_depth) + thread(tap);
    Shape boss = (cylinder(3.5, boss_h) - tap_tool.up(boss_h - tap_depth)).up(wall);
    std::vector<Point> corners{{inset, inset, 0}, {w - inset, inset, 0},
                               {inset, d - inset, 0}, {w - inset, d - inset, 0}};
    std::vector<Shape> parts{body};
    for (Point c : corners) parts.push_back(boss.translate(c.x, c.y, 0));
    Shape enclosure = union_all(parts);

    // Lid: same outline, countersunk clearance holes over the bosses, label engraved.
    Shape lid = rectangle(w, d).fillet2d(corner).extrude(lid_t);
    for (Point c : corners)
        lid = hole(lid, HoleSpec::through(3.4).countersink(6.5), {c.x, c.y, lid_t});
    // The text starts at its baseline origin; DejaVu Sans advances ~0.6 em per letter.
    double size = 8.0;
    double text_w = 0.6 * size * double(label.size());
    Shape engraving = text(label, size).extrude(0.6);
    lid = lid - engraving.translate(w / 2 - text_w / 2, d / 2 - size / 3, lid_t - 0.6);

    display(enclosure.named("body"), color::white);
    display(lid.up(h + 10).named("lid"), color::blue);
}
