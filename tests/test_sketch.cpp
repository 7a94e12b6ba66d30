// 2D shapes, wires, text, 2D booleans, fillet2d and linear extrusion: every
// result valid, and areas, lengths and volumes against formulas.

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "lazycad/lazycad.hpp"
#include "support.hpp"

using namespace lazycad;
using lazycad::test::length_of;
using lazycad::test::require_error;
using Catch::Detail::Approx;

TEST_CASE("sketch: face areas match their formulas", "[sketch]") {
    SECTION("rectangle, corner and centred") {
        Shape r = rectangle(30, 20);
        CHECK(is_valid(r));
        CHECK(area(r) == Approx(600).epsilon(1e-9));
        BoundingBox b = bounding_box(rectangle(30, 20, true));
        CHECK(b.min.x == Approx(-15));
        CHECK(b.max.y == Approx(10));
    }
    SECTION("circle") {
        CHECK(is_valid(circle(7)));
        CHECK(area(circle(7)) == Approx(pi * 49).epsilon(1e-9));
    }
    SECTION("ellipse, wide and tall") {
        for (auto [rx, ry] : {std::pair{10.0, 4.0}, std::pair{3.0, 8.0}, std::pair{5.0, 5.0}}) {
            Shape e = ellipse(rx, ry);
            CHECK(is_valid(e));
            CHECK(area(e) == Approx(pi * rx * ry).epsilon(1e-7));
            BoundingBox b = bounding_box(e);
            CHECK(b.size_x() == Approx(2 * rx).epsilon(1e-6));
            CHECK(b.size_y() == Approx(2 * ry).epsilon(1e-6));
        }
    }
    SECTION("ngon: n r^2 sin(2 pi / n) / 2") {
        for (int n : {3, 5, 6, 12}) {
            CHECK(is_valid(ngon(10, n)));
            CHECK(area(ngon(10, n)) == Approx(n * 100 * std::sin(2 * pi / n) / 2).epsilon(1e-9));
        }
    }
    SECTION("polygon: an L by the shoelace formula") {
        Shape l = polygon({{0, 0}, {10, 0}, {10, 3}, {3, 3}, {3, 8}, {0, 8}});
        CHECK(is_valid(l));
        CHECK(area(l) == Approx(10 * 3 + 3 * 5).epsilon(1e-9));
    }
}

TEST_CASE("sketch: 2D booleans on faces", "[sketch]") {
    Shape a = rectangle(10, 10);               // [0,10]^2
    Shape b = rectangle(10, 10).translate(5, 5, 0); // [5,15]^2, overlap 25
    SECTION("union") {
        Shape u = a + b;
        CHECK(is_valid(u));
        CHECK(area(u) == Approx(175).epsilon(1e-9));
    }
    SECTION("a union extrudes to one solid and fillets only its true corners") {
        // The boolean leaves three faces sharing edges; the 2D consumers merge them.
        Shape u = a + b;
        CHECK(solid_count(u.extrude(2)) == 1);
        CHECK(volume(u.extrude(2)) == Approx(350).epsilon(1e-9));
        CHECK(solid_count(linear_extrude(u, 2, deg(20))) == 1);
        // Six convex corners lose (1 - pi/4) r^2 each, the two concave ones give it back.
        Shape rounded = u.fillet2d(1);
        CHECK(is_valid(rounded));
        CHECK(area(rounded) == Approx(175 - 4 * (1 - pi / 4)).epsilon(1e-9));
    }
    SECTION("difference") {
        Shape d = a - b;
        CHECK(is_valid(d));
        CHECK(area(d) == Approx(75).epsilon(1e-9));
    }
    SECTION("intersection") {
        Shape i = a ^ b;
        CHECK(is_valid(i));
        CHECK(area(i) == Approx(25).epsilon(1e-9));
    }
    SECTION("a hole: a washer extrudes to an annulus") {
        Shape washer = circle(10) - circle(4);
        CHECK(is_valid(washer));
        CHECK(area(washer) == Approx(pi * (100 - 16)).epsilon(1e-7));
        CHECK(volume(washer.extrude(3)) == Approx(pi * (100 - 16) * 3).epsilon(1e-6));
    }
}

TEST_CASE("sketch: segments, arcs and polylines have the right lengths", "[sketch]") {
    SECTION("segment") {
        Shape s = segment({0, 0, 0}, {3, 4, 12});
        CHECK(is_valid(s));
        CHECK(length_of(s) == Approx(13).epsilon(1e-9));
    }
    SECTION("arc through three points: a half circle") {
        Shape a = arc({5, 0, 0}, {0, 5, 0}, {-5, 0, 0});
        CHECK(length_of(a) == Approx(5 * pi).epsilon(1e-9));
    }
    SECTION("arc by centre and angles") {
        Shape a = arc({1, 2, 3}, 4, deg(30), deg(120));
        CHECK(length_of(a) == Approx(4 * pi / 2).epsilon(1e-9));
        BoundingBox b = bounding_box(a);
        CHECK(b.min.z == Approx(3));
        CHECK(length_of(arc({0, 0, 0}, 2, deg(0), deg(360))) == Approx(4 * pi).epsilon(1e-9));
    }
    SECTION("open polyline, sharp and rounded") {
        std::vector<Point> pts{{0, 0, 0}, {10, 0, 0}, {10, 10, 0}, {20, 10, 0}};
        CHECK(length_of(polyline(pts)) == Approx(30).epsilon(1e-9));
        // Two right-angle corners of radius 2: each trades 2r of straight for pi r / 2.
        Shape rounded = polyline(pts, 2);
        CHECK(is_valid(rounded));
        CHECK(length_of(rounded) == Approx(30 - 2 * (4 - pi)).epsilon(1e-9));
    }
    SECTION("closed rounded square: perimeter and face area") {
        double a = 20, r = 3;
        Shape w = polyline({{0, 0, 0}, {a, 0, 0}, {a, a, 0}, {0, a, 0}}, r, true);
        CHECK(is_valid(w));
        CHECK(length_of(w) == Approx(4 * a - 8 * r + 2 * pi * r).epsilon(1e-9));
        Shape f = face(w);
        CHECK(is_valid(f));
        CHECK(area(f) == Approx(a * a - (4 - pi) * r * r).epsilon(1e-9));
    }
    SECTION("rounded corners that use up a whole side") {
        // A 10 x 10 square with r = 5 is a circle.
        Shape f = face(polyline({{0, 0, 0}, {10, 0, 0}, {10, 10, 0}, {0, 10, 0}}, 5, true));
        CHECK(is_valid(f));
        CHECK(area(f) == Approx(pi * 25).epsilon(1e-9));
    }
    SECTION("wire from a segment and an arc: a D shape") {
        Shape d = wire({segment({0, -5, 0}, {0, 5, 0}), arc({0, 5, 0}, {5, 0, 0}, {0, -5, 0})});
        CHECK(is_valid(d));
        CHECK(length_of(d) == Approx(10 + 5 * pi).epsilon(1e-9));
        CHECK(area(face(d)) == Approx(pi * 25 / 2).epsilon(1e-9));
        CHECK(volume(face(d).extrude(2)) == Approx(pi * 25).epsilon(1e-7));
    }
}

TEST_CASE("sketch: fillet2d rounds every corner of a face", "[sketch]") {
    SECTION("square: a^2 - (4 - pi) r^2") {
        double a = 10, r = 2;
        Shape f = rectangle(a, a).fillet2d(r);
        CHECK(is_valid(f));
        CHECK(area(f) == Approx(a * a - (4 - pi) * r * r).epsilon(1e-9));
    }
    SECTION("hexagon keeps its size within the fillet loss") {
        Shape f = ngon(10, 6).fillet2d(1);
        CHECK(is_valid(f));
        // A corner of interior angle a loses r^2 (cot(a/2) - (pi - a)/2); a = 120° here.
        double loss = 6 * (1 / std::sqrt(3.0) - pi / 6);
        CHECK(area(f) == Approx(6 * 100 * std::sin(pi / 3) / 2 - loss).epsilon(1e-9));
    }
    SECTION("a circle has no corners and is unchanged") {
        CHECK(area(circle(3).fillet2d(1)) == Approx(9 * pi).epsilon(1e-9));
    }
    SECTION("a face with a hole: both wires rounded") {
        Shape f = (rectangle(20, 20) - rectangle(10, 10).translate(5, 5, 0)).fillet2d(1);
        CHECK(is_valid(f));
        // The outer corners lose (4 - pi) r^2, the hole's corners give the same back.
        CHECK(area(f) == Approx(300).epsilon(1e-9));
    }
    SECTION("too large") {
        require_error([] { area(rectangle(4, 4).fillet2d(3)); }, "fillet2d", "r");
    }
}

TEST_CASE("sketch: text is a valid set of faces whose width grows with the string", "[sketch]") {
    Shape one = text("lazy", 10);
    Shape two = text("lazycad lazycad", 10);
    CHECK(is_valid(one));
    CHECK(is_valid(two));
    CHECK(face_count(one) >= 4);
    CHECK(area(one) > 10);
    BoundingBox b1 = bounding_box(one), b2 = bounding_box(two);
    CHECK(b1.size_x() > 10);
    CHECK(b2.size_x() > 3 * b1.size_x());
    CHECK(b1.size_y() < 15);
    CHECK(b1.size_z() == Approx(0).margin(1e-6));
    SECTION("extruded letters are solids") {
        Shape solid = linear_extrude(text("Ab", 10), 2);
        CHECK(volume(solid) == Approx(2 * area(text("Ab", 10))).epsilon(1e-6));
    }
    SECTION("a font file path works as well as a family name") {
        Shape by_path = text("lazy", 10, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        CHECK(area(by_path) == Approx(area(one)).epsilon(1e-9));
    }
}

TEST_CASE("sketch: linear_extrude volumes", "[sketch]") {
    SECTION("plain: area x h, and the same node as extrude") {
        Shape e = linear_extrude(ngon(5, 6), 7);
        CHECK(e.key() == ngon(5, 6).extrude(7).key());
        CHECK(volume(e) == Approx(area(ngon(5, 6)) * 7).epsilon(1e-9));
    }
    SECTION("taper: frustum h/3 (A1 + A2 + sqrt(A1 A2))") {
        double a = 10, h = 8, s = 0.5;
        Shape t = linear_extrude(rectangle(a, a, true), h, deg(0), s);
        CHECK(is_valid(t));
        double a1 = a * a, a2 = a * a * s * s;
        CHECK(volume(t) == Approx(h / 3 * (a1 + a2 + std::sqrt(a1 * a2))).epsilon(1e-7));
        Shape cone_like = linear_extrude(circle(4), h, deg(0), 2);
        CHECK(volume(cone_like) == Approx(pi * h / 3 * (16 + 64 + 32)).epsilon(1e-7));
    }
    SECTION("twist keeps the volume; the top is turned") {
        double a = 10, h = 20;
        Shape t = linear_extrude(rectangle(a, a, true), h, deg(90));
        CHECK(is_valid(t));
        CHECK(volume(t) == Approx(a * a * h).epsilon(1e-6));
        BoundingBox b = bounding_box(t);
        // Halfway up the square is turned 45°: its corners reach a / sqrt(2).
        CHECK(b.max.x == Approx(a / std::sqrt(2.0)).epsilon(1e-4));
        CHECK(b.max.z == Approx(h).margin(1e-6));
    }
    SECTION("twist and taper with a hole") {
        Shape washer = circle(10) - rectangle(4, 4, true);
        Shape t = linear_extrude(washer, 10, deg(45), 0.5);
        CHECK(is_valid(t));
        double a0 = pi * 100 - 16;
        CHECK(volume(t) == Approx(10.0 / 3 * a0 * (1 + 0.25 + 0.5)).epsilon(1e-6));
    }
}

TEST_CASE("sketch: bad inputs name the operation and the parameter", "[sketch]") {
    require_error([] { rectangle(0, 1); }, "rectangle", "x");
    require_error([] { rectangle(1, -1); }, "rectangle", "y");
    require_error([] { circle(-2); }, "circle", "r");
    require_error([] { ellipse(0, 2); }, "ellipse", "rx");
    require_error([] { ellipse(2, -1); }, "ellipse", "ry");
    require_error([] { ngon(5, 2); }, "ngon", "n");
    require_error([] { ngon(0, 5); }, "ngon", "r");
    require_error([] { polygon({{0, 0}, {1, 0}}); }, "polygon", "points");
    require_error([] { polygon({{0, 0}, {1, 1}, {1, 0}, {0, 1}}); }, "polygon", "points");
    require_error([] { segment({1, 1, 1}, {1, 1, 1}); }, "segment", "b");
    require_error([] { arc({0, 0, 0}, {1, 1, 0}, {2, 2, 0}); }, "arc", "b");
    require_error([] { arc({0, 0, 0}, 0, deg(0), deg(90)); }, "arc", "r");
    require_error([] { arc({0, 0, 0}, 1, deg(90), deg(90)); }, "arc", "end");
    require_error([] { arc({0, 0, 0}, 1, deg(0), deg(400)); }, "arc", "end");
    require_error([] { polyline({{0, 0, 0}}); }, "polyline", "points");
    require_error([] { polyline({{0, 0, 0}, {0, 0, 0}}); }, "polyline", "points");
    require_error([] { polyline({{0, 0, 0}, {1, 0, 0}, {1, 1, 0}}, -1); }, "polyline",
                  "corner_radius");
    require_error([] { polyline({{0, 0, 0}, {2, 0, 0}, {2, 2, 0}, {0, 2, 0}}, 1.5, true); },
                  "polyline", "corner_radius");
    require_error([] { polyline({{0, 0, 0}, {2, 0, 0}, {0, 0, 0}}, 0.5); }, "polyline", "points");
    require_error([] { wire({}); }, "wire", "parts");
    require_error([] { length_of(wire({segment({0, 0, 0}, {1, 0, 0}), segment({5, 0, 0}, {6, 0, 0})})); },
                  "wire", "parts");
    require_error([] { area(face(polyline({{0, 0, 0}, {1, 0, 0}, {1, 1, 0}}))); }, "face", "wire");
    require_error([] { area(face(polyline({{0, 0, 0}, {2, 2, 0}, {2, 0, 0}, {0, 2, 0}}, 0, true))); },
                  "face", "wire");
    require_error([] { text("", 10); }, "text", "string");
    require_error([] { text("abc", 0); }, "text", "size");
    // Fonts are looked up when the text is computed.
    require_error([] { volume(text("abc", 10, "No Such Font Family 123").extrude(1)); }, "text", "font");
    require_error([] { volume(text("abc", 10, "/nonexistent/font.ttf").extrude(1)); }, "text", "font");
    require_error([] { area(text("   ", 10)); }, "text", "string");
    require_error([] { rectangle(2, 2).fillet2d(0); }, "fillet2d", "r");
    require_error([] { area(segment({0, 0, 0}, {1, 0, 0}).fillet2d(1)); }, "fillet2d", "shape");
    require_error([] { linear_extrude(circle(1), 0); }, "linear_extrude", "height");
    require_error([] { linear_extrude(circle(1), 1, deg(10), 0); }, "linear_extrude", "scale");
    require_error([] { linear_extrude(circle(1), 1, deg(4000)); }, "linear_extrude", "twist");
    require_error([] { volume(linear_extrude(segment({0, 0, 0}, {1, 0, 0}), 1, deg(10))); },
                  "linear_extrude", "profile");
    require_error([] { circle(1).extrude(-1); }, "extrude", "height");
}
