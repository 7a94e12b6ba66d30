// An M10 bolt clamping a plate, with an ISO 7089 washer and an ISO 4032 nut
// screwed onto it at the right phase (a whole number of pitches from the tip).
//   lazycad view models/bolt_and_nut.cpp
#include <cmath>
#include <string>

#include <lazycad/lazycad.hpp>
#include <lazycad/parts.hpp>
using namespace lazycad;

LAZYCAD_MODEL() {
    std::string size = param("size", "M10");
    double length = param("length", 40.0);
    ThreadSize iso = iso_size(size);
    HexDimensions hex = iso_hex_dimensions(size);
    double washer_t = 0.2 * iso.diameter;          // ISO 7089: h = 2 mm for M10
    double washer_d = 2.0 * iso.diameter;          // outer diameter 20 mm for M10
    double clearance = 1.05 * iso.diameter + 0.0;  // ISO 273 medium clearance hole ≈ 10.5 mm

    // The nut sits a whole number of pitches above the tip, so its thread meshes.
    double nut_z = std::floor(0.45 * length / iso.pitch) * iso.pitch;
    double washer_z = nut_z + hex.nut_height;
    double plate_z = washer_z + washer_t;
    double plate_t = length - plate_z;

    Shape b = bolt(size, length);
    Shape n = nut(size).up(nut_z);
    Shape washer = (cylinder(washer_d / 2, washer_t) - cylinder(clearance / 2, washer_t)).up(washer_z);
    Shape plate = (box(3 * washer_d, 2 * washer_d, plate_t, true).up(plate_t / 2) -
                   cylinder(clearance / 2, plate_t))
                      .up(plate_z);

    display(b.named("bolt"), color::steel);
    display(n.named("nut"), color::brass);
    display(washer.named("washer"), color::gray);
    display(plate.named("plate"), color::blue);
}
