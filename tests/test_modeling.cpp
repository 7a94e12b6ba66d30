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
