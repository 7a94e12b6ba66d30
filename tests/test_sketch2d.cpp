// 2D helpers (issue 15, item 3): the Pen with its sagitta, radius and tangent
// arcs, slot, offset2d, and grid / polar placement of copies. Areas and
// positions against formulas.

#include <catch2/catch.hpp>

#include <cmath>

#include "lazycad/lazycad.hpp"
#include "support.hpp"

using namespace lazycad;
using lazycad::test::length_of;
using lazycad::test::require_error;
using Catch::Detail::Approx;

TEST_CASE("sketch2d: the pen draws lines, relative and absolute", "[sketch2d]") {
    Shape rect = Pen({1, 1}).h_line(10).v_line(5).h_line_to(1).close();
    CHECK(area(rect) == Approx(50));
    CHECK(bounding_box(rect).max.x == Approx(11));
    // Drawn clockwise, the face still faces +Z: it extrudes to a positive volume.
    Shape cw = Pen({0, 0}).line(0, 5).line(10, 0).v_line_to(0).close();
    CHECK(volume(cw.extrude(2)) == Approx(100));
    CHECK(is_valid(cw.extrude(2)));
    CHECK(length_of(Pen({0, 0}).line_to(3, 4).line(3, -4).wire()) == Approx(10));

    require_error([] { Pen({0, 0}).line_to(0, 0); }, "pen", "line_to");
    require_error([] { Pen({0, 0}).wire(); }, "pen", "wire");
    require_error([] { Pen({0, 0}).h_line(5).close(); }, "pen", "close");
    require_error([] { Pen({0, 0}).line_to(NAN, 1); }, "pen", "line_to");
    // A bow tie crosses itself: an Error when evaluated, not a wrong face.
    require_error([] { area(Pen({0, 0}).line_to(10, 10).line_to(10, 0).line_to(0, 10).close()); },
                  "pen", "segments");
}

TEST_CASE("sketch2d: arcs by three points, sagitta, radius and tangent", "[sketch2d]") {
    const double r = 5;
    // Half discs over the chord from (r, 0) back to (-r, 0).
    Shape three = Pen({-r, 0}).line_to(r, 0).arc_to({0, r}, {-r, 0}).close();
    CHECK(area(three) == Approx(pi * r * r / 2).epsilon(1e-9));
    CHECK(bounding_box(three).max.y == Approx(r));
    // A positive sagitta bulges to the left of the chord's direction (-X): -Y.
    Shape sag = Pen({-r, 0}).line_to(r, 0).sagitta_arc_to({-r, 0}, r).close();
    CHECK(area(sag) == Approx(pi * r * r / 2).epsilon(1e-9));
    CHECK(bounding_box(sag).min.y == Approx(-r));
    // A smaller sagitta: a circular segment of height s.
    const double s = 2, half = 5, R = (half * half + s * s) / (2 * s);
    const double segment = R * R * std::acos((R - s) / R) - (R - s) * half;
    Shape flat = Pen({-half, 0}).line_to(half, 0).sagitta_arc_to({-half, 0}, -s).close();
    CHECK(area(flat) == Approx(segment).epsilon(1e-9));
    CHECK(bounding_box(flat).max.y == Approx(s));
    // By radius: the shorter arc, centre to the right for a positive radius.
    Shape rad = Pen({-half, 0}).line_to(half, 0).radius_arc_to({-half, 0}, -R).close();
    CHECK(area(rad) == Approx(segment).epsilon(1e-9));
    require_error([] { Pen({0, 0}).radius_arc_to({10, 0}, 4); }, "pen", "radius_arc_to");

    // Tangent: on from a line along +X, up to (10, 10): a half circle of
    // radius 5 bulging to +X, then back along the top.
    Shape d = Pen({0, 0}).h_line(10).tangent_arc_to({10, 10}).h_line_to(0).close();
    CHECK(area(d) == Approx(100 + pi * 25 / 2).epsilon(1e-9));
    CHECK(bounding_box(d).max.x == Approx(15));
    // Tangent after an arc: a full circle from two tangent half circles.
    Shape disc = Pen({0, 0}).arc_to({5, 5}, {10, 0}).tangent_arc_to({0, 0}).close();
    CHECK(area(disc) == Approx(pi * 25).epsilon(1e-9));
    require_error([] { Pen({0, 0}).tangent_arc_to({1, 1}); }, "pen", "tangent_arc_to");
    require_error([] { Pen({0, 0}).h_line(1).tangent_arc_to({5, 0}); }, "pen", "tangent_arc_to");
    require_error([] { Pen({0, 0}).arc_to({1, 1}, {2, 2}); }, "pen", "arc_to");
}

TEST_CASE("sketch2d: slot and offset2d", "[sketch2d]") {
    const double L = 40, w = 8;
    CHECK(area(slot(L, w)) == Approx((L - w) * w + pi * w * w / 4).epsilon(1e-9));
    BoundingBox turned = bounding_box(slot(L, w, deg(90)));
    CHECK(turned.size_y() == Approx(L));
    CHECK(turned.size_x() == Approx(w));
    CHECK(area(slot(w, w)) == Approx(pi * w * w / 4));
    require_error([] { slot(5, 8); }, "slot", "length");
    require_error([] { slot(10, 0); }, "slot", "width");

    Shape sq = rectangle(10, 10);
    CHECK(area(offset2d(sq, 1)) == Approx(100 + 40 + pi).epsilon(1e-7));
    CHECK(area(offset2d(sq, 1, false)) == Approx(144).epsilon(1e-9));
    CHECK(area(offset2d(sq, -1)) == Approx(64).epsilon(1e-9));
    CHECK(area(offset2d(circle(5), 2)) == Approx(pi * 49).epsilon(1e-7));
    // Grown faces still extrude upwards; a closed wire comes back a wire.
    CHECK(volume(offset2d(sq, 1).extrude(2)) == Approx(2 * (140 + pi)).epsilon(1e-7));
    Shape square = polyline({{0, 0, 0}, {10, 0, 0}, {10, 10, 0}, {0, 10, 0}}, 0, true);
    CHECK(length_of(offset2d(square, 1)) == Approx(40 + 2 * pi).epsilon(1e-7));
    require_error([] { offset2d(rectangle(1, 1), 0); }, "offset2d", "distance");
    require_error([] { area(offset2d(box(1, 1, 1), 1)); }, "offset2d", "shape");
    require_error([&] { area(offset2d(sq, -6)); }, "offset2d", "distance");
}

TEST_CASE("sketch2d: grid and polar placement of copies", "[sketch2d]") {
    std::vector<Point2> g = grid(3, 2, 10, 5);
    REQUIRE(g.size() == 6);
    CHECK(g.front() == Point2{-10, -2.5});
    CHECK(g.back() == Point2{10, 2.5});
    CHECK(grid(1, 1, 0, 0) == std::vector<Point2>{{0, 0}});
    std::vector<Point2> p = polar(10, 4, deg(45));
    REQUIRE(p.size() == 4);
    CHECK(p[0].x == Approx(10 / std::sqrt(2.0)));
    CHECK(p[2].y == Approx(-10 / std::sqrt(2.0)));
    std::vector<Point2> fan = polar(10, 3, deg(0), deg(90));
    CHECK(fan[2].y == Approx(10));

    // 2D copies extruded together; 3D copies on a bolt circle.
    CHECK(volume(copies(circle(1), grid(2, 2, 10, 10)).extrude(2)) ==
          Approx(4 * pi * 2).epsilon(1e-7));
    Shape pegs = copies(cylinder(1, 3), polar(10, 6));
    CHECK(volume(pegs) == Approx(6 * pi * 3).epsilon(1e-7));
    CHECK(solid_count(pegs) == 6);
    CHECK(center_of_mass(pegs).x == Approx(0).margin(1e-7));

    require_error([] { grid(0, 2, 1, 1); }, "grid", "nx");
    require_error([] { grid(2, 2, 0, 1); }, "grid", "dx");
    require_error([] { polar(-1, 3); }, "polar", "radius");
    require_error([] { polar(5, 3, deg(0), deg(400)); }, "polar", "total");
    require_error([] { copies(box(1, 1, 1), {}); }, "copies", "at");
}
