// The "miracle" from the zencad article: two threaded rods crossing at 90°,
// intersected. The most expensive model we ship: a boolean between two
// helical solids. Cold it takes a while; warm it is one cache read.
//   lazycad run models/crossed_threads.cpp --stats
#include <string>

#include <lazycad/lazycad.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    std::string size = param("size", "M10");
    double length = param("length", 30.0);
    ThreadSize iso = iso_size(size);

    Shape core = cylinder(thread_minor_diameter(iso.diameter, iso.pitch) / 2, length);
    Shape rod = (core + thread(size, length)).down(length / 2).named("rod");
    Shape crossing = rod.rotate_x(deg(90));

    display((rod ^ crossing).named("miracle"), color::copper);
}
