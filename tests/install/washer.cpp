// An ISO 7089 washer from the installed parts library (lazycad::parts);
// prints its volume.
#include <cstdio>

#include <lazycad/lazycad.hpp>
#include <lazycad/parts.hpp>

int main() {
    using namespace lazycad;
    try {
        std::printf("volume %.6f\n", volume(washer("M10")));
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
