// What people model (issue 15): the empty Shape placeholder, split by a plane,
// drafted extrusion, splines. Volumes, lengths and positions against formulas.

#include <catch2/catch.hpp>

#include <cmath>

#include "lazycad/lazycad.hpp"
#include "support.hpp"

using namespace lazycad;
using lazycad::test::require_error;
using Catch::Detail::Approx;

TEST_CASE("modeling: a default Shape is empty until assigned", "[modeling]") {
    Shape s;
    REQUIRE(s.empty());
    REQUIRE(s.parents().empty());
    // Evaluating it, or anything made from it, is an Error that says why.
    REQUIRE_THROWS_WITH(volume(s), Catch::Contains("empty shape: assign it before use"));
    REQUIRE_THROWS_WITH(volume(s.translate(1, 0, 0) + box(1, 1, 1)),
                        Catch::Contains("empty shape: assign it before use"));
    REQUIRE_THROWS_AS(evaluate({s}), Error);
    // Two empties are the same node; assigning makes it an ordinary shape.
    REQUIRE(Shape().key() == s.key());
    bool wide = true;
    if (wide) s = box(2, 3, 4);
    REQUIRE_FALSE(s.empty());
    REQUIRE(volume(s) == Approx(24));
}

TEST_CASE("modeling: split by a plane keeps either side or both", "[modeling]") {
    const double a = 20, b = 30, c = 40, h = 12.5;
    Shape block = box(a, b, c);
    Shape above = split(block, {0, 0, h}, {0, 0, 1});
    Shape below = split(block, {0, 0, h}, {0, 0, 1}, Keep::below);
    Shape both = split(block, {0, 0, h}, {0, 0, 2}, Keep::both);
    REQUIRE(volume(above) == Approx((c - h) * a * b));
    REQUIRE(volume(below) == Approx(h * a * b));
    REQUIRE(volume(both) == Approx(a * b * c));
    REQUIRE(solid_count(both) == 2);
    REQUIRE(is_valid(above));
    REQUIRE(bounding_box(above).min.z == Approx(h));
    REQUIRE(bounding_box(below).max.z == Approx(h));
    // A slanted plane through the centre of a sphere: two hemispheres.
    const double r = 10;
    Shape cap = split(sphere(r), {0, 0, 0}, {1, 1, 1});
    REQUIRE(volume(cap) == Approx(2.0 / 3 * pi * r * r * r).epsilon(1e-6));
    // A plane that misses the shape, a zero normal: Errors naming the parameter.
    require_error([&] { volume(split(block, {0, 0, c + 1}, {0, 0, 1})); }, "split", "origin");
    require_error([&] { volume(split(block, {0, 0, -1}, {0, 0, 1}, Keep::both)); }, "split",
                  "origin");
    require_error([&] { split(block, {0, 0, h}, {0, 0, 0}); }, "split", "normal");
}
