// A parametric ISO hex bolt, built from its parts so that each part caches on
// its own: change the head and only the head and the final union recompute;
// the thread (the expensive part) comes from the cache.
//   lazycad view models/bolt.cpp -D size=M10 -D length=40 -D head_height=7
// bench-edit: head_height=6
#include <cmath>
#include <string>

#include <lazycad/lazycad.hpp>
#include <lazycad/parts.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    std::string size = param("size", "M8");
    double length = param("length", 30.0);  // under the head, mm
    ThreadSize iso = iso_size(size);
    HexDimensions hex = iso_hex_dimensions(size);
    double k = param("head_height", hex.head_height);
    double s = param("across_flats", hex.across_flats);

    // Threaded shank: a core of the minor diameter plus the helical tooth,
    // chamfered at the tip and running out under the head.
    ThreadSpec spec = thread_spec(size, length);
    spec.end = ThreadEnd::faded;
    Shape core = cylinder(thread_minor_diameter(iso.diameter, iso.pitch) / 2, length);
    Shape shank = (core + thread(spec)).named("shank");

    // Hex head with its top edges bevelled.
    Shape head = ngon(s / std::sqrt(3.0), 6).extrude(k).chamfer(0.15 * k, edges::of_face(faces::top()));

    display((shank + head.up(length).named("head")).named("bolt"), color::steel);
}
