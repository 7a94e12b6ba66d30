// The parts library (kernel/parts/, lazycad::parts): ISO tables and washers.
// Bolts and nuts are checked against the thread they carry in test_thread.cpp.

#include <catch2/catch.hpp>

#include "lazycad/lazycad.hpp"
#include "lazycad/parts.hpp"
#include "support.hpp"

using namespace lazycad;
using Catch::Matchers::Contains;

TEST_CASE("parts: an ISO 7089 washer is an annulus of its table's sizes", "[parts]") {
    // M8: d1 = 8.4, d2 = 16, h = 1.6.
    Shape w = washer("M8");
    CHECK(volume(w, test::without_cache()) ==
          Approx(pi * (8 * 8 - 4.2 * 4.2) * 1.6).epsilon(1e-9));
    BoundingBox b = bounding_box(w, test::without_cache());
    CHECK(b.size_x() == Approx(16).epsilon(1e-6));
    CHECK(b.size_z() == Approx(1.6).epsilon(1e-9));
    // A fine size has its diameter's washer: the same node.
    CHECK(washer("M8x1").key() == w.key());
    WasherDimensions d = iso_washer_dimensions("M30");
    CHECK(d.inner_diameter == 31);
    CHECK(d.outer_diameter == 56);
    CHECK(d.thickness == 4);
}

TEST_CASE("parts: hex dimensions and unknown sizes name the operation and parameter",
          "[parts][errors]") {
    HexDimensions h = iso_hex_dimensions("M8");
    CHECK(h.across_flats == 13);
    CHECK(h.head_height == 5.3);
    CHECK(h.nut_height == 6.8);
    try {
        washer("M7");
        FAIL("expected an Error");
    } catch (const Error& e) {
        CHECK(e.operation() == "washer");
        CHECK(e.parameter() == "size");
        CHECK_THAT(e.what(), Contains("ISO 7089") && Contains("M8"));
    }
    CHECK_THROWS_WITH(iso_hex_dimensions("M7", "nut"), Contains("nut: parameter 'size'"));
}
