// A box minus a cylinder, built with an installed lazycad; prints the volume.
//   box_minus_cylinder [x y z r]   (mm; defaults 20 30 10 4)
#include <cstdio>
#include <cstdlib>

#include <lazycad/lazycad.hpp>

int main(int argc, char** argv) {
    using namespace lazycad;
    double x = 20, y = 30, z = 10, r = 4;
    if (argc == 5) {
        x = std::atof(argv[1]);
        y = std::atof(argv[2]);
        z = std::atof(argv[3]);
        r = std::atof(argv[4]);
    }
    try {
        Shape part = box(x, y, z) - cylinder(r, z).right(x / 2).forw(y / 2);
        std::printf("volume %.6f\nvalid %d\n", volume(part), int(is_valid(part)));
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
