// Node keys: injective encoding (no collisions on near-identical inputs),
// canonical doubles, NaN/inf rejection, and stability across processes.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>

#include "graph/key_encoder.hpp"
#include "lazycad/lazycad.hpp"
#include "support.hpp"

using namespace lazycad;
using detail::node_key;

namespace {

NodeKey key_of(std::string_view op, const Params& params) { return node_key(op, 1, params, {}); }

} // namespace

TEST_CASE("keys: no collisions on near-identical cases", "[keys]") {
    Shape a = box(1, 2, 3);
    Shape b = sphere(2);
    std::vector<std::pair<std::string, NodeKey>> table{
        {"int 1", key_of("op", {{"v", 1}})},
        {"double 1.0", key_of("op", {{"v", 1.0}})},
        {"string \"1\"", key_of("op", {{"v", "1"}})},
        {"bool true", key_of("op", {{"v", true}})},
        {"angle 1 rad", key_of("op", {{"v", rad(1)}})},
        {"(ab, c)", key_of("op", {{"p", "ab"}, {"q", "c"}})},
        {"(a, bc)", key_of("op", {{"p", "a"}, {"q", "bc"}})},
        {"name a=bc", key_of("op", {{"a", "bc"}})},
        {"name ab=c", key_of("op", {{"ab", "c"}})},
        {"empty list", key_of("op", {{"v", ValueList{}}})},
        {"missing parameter", key_of("op", {})},
        {"empty string", key_of("op", {{"v", ""}})},
        {"list [1,2]", key_of("op", {{"v", ValueList{1.0, 2.0}}})},
        {"list [[1],2]", key_of("op", {{"v", ValueList{ValueList{1.0}, 2.0}}})},
        {"list [1,[2]]", key_of("op", {{"v", ValueList{1.0, ValueList{2.0}}}})},
        {"two params 1,2", key_of("op", {{"v", 1.0}, {"w", 2.0}})},
        {"point(1,2,3)", key_of("op", {{"v", Point{1, 2, 3}}})},
        {"vec(1,2,3)", key_of("op", {{"v", Vec{1, 2, 3}}})},
        {"list [1,2,3]", key_of("op", {{"v", ValueList{1.0, 2.0, 3.0}}})},
        {"point2(1,2)", key_of("op", {{"v", Point2{1, 2}}})},
        {"same params, other op", key_of("op2", {{"v", 1.0}})},
        {"op version 2", node_key("op", 2, {{"v", 1.0}}, {})},
        {"box(1,2,3)", a.key()},
        {"box(1,2,3.0000000001)", box(1, 2, 3.0000000001).key()},
        {"box(3,2,1)", box(3, 2, 1).key()},
        {"box centered", box(1, 2, 3, true).key()},
        {"a.up(0)", a.up(0).key()},
        {"a.up(1)", a.up(1).key()},
        {"a.forw(1)", a.forw(1).key()},
        {"a + b", (a + b).key()},
        {"b + a", (b + a).key()},
        {"a - b", (a - b).key()},
        {"a ^ b", (a ^ b).key()},
        {"union_all(a, b)", union_all({a, b}).key()},
        {"sphere(2)", b.key()},
        {"cylinder(1,2)", cylinder(1, 2).key()},
        {"cone(1,0,2)", cone(1, 0, 2).key()},
        {"rotate_z(90deg)", a.rotate_z(deg(90)).key()},
        {"rotate_x(90deg)", a.rotate_x(deg(90)).key()},
        {"mirror XY", a.mirror(Plane::XY).key()},
        {"mirror YZ", a.mirror(Plane::YZ).key()},
        {"scale 2", a.scale(2).key()},
    };
    REQUIRE(table.size() >= 20);
    std::map<NodeKey, std::string> seen;
    for (const auto& [label, key] : table) {
        auto [it, inserted] = seen.emplace(key, label);
        INFO(label << " collides with " << it->second);
        CHECK(inserted);
    }
}

TEST_CASE("keys: equal inputs give equal keys", "[keys]") {
    CHECK(box(1, 2, 3).key() == box(1, 2, 3).key());
    CHECK(box(1, 2, 3).up(5).key() == box(1, 2, 3).translate(0, 0, 5).key());
    CHECK(key_of("op", {{"v", 0.0}}) == key_of("op", {{"v", -0.0}}));
    CHECK(box(1, 2, 3).translate(-0.0, 0, 0).key() == box(1, 2, 3).translate(0, 0, 0).key());
    CHECK(box(1, 2, 3).named("x").key() == box(1, 2, 3).key());
}

TEST_CASE("keys: NaN and infinity are rejected naming operation and parameter", "[keys]") {
    double nan = std::numeric_limits<double>::quiet_NaN();
    double inf = std::numeric_limits<double>::infinity();
    try {
        box(1, 1, 1).translate(nan, 0, 0);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.operation() == "translate");
        CHECK(e.parameter() == "offset");
        CHECK_THAT(e.what(), Catch::Contains("translate") && Catch::Contains("offset"));
    }
    try {
        box(1, 1, 1).rotate_z(deg(inf));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.operation() == "rotate");
        CHECK(e.parameter() == "angle");
    }
    CHECK_THROWS_AS(sphere(inf), Error);
}

TEST_CASE("keys: golden values are stable across processes and builds", "[keys]") {
    // If these change, every existing cache entry is orphaned: bump
    // cache_format_version deliberately, then update the values.
    CHECK(box(10, 20, 30).key().hex() ==
          "606777076e624c7240ae1aeb46e2e2fd8b3d3ed58b7334b681b54ed2c50749cf");
    // (difference version 2: its results are now volume-checked, so entries
    // computed without the check are not served)
    CHECK((box(10, 10, 20) - cylinder(3, 20).right(5).forw(5)).key().hex() ==
          "ed5206ba032980e6ad19845adfeea9686f1ba53f6fd1fef4167a9012861688bc");
}

TEST_CASE("keys: golden values of pen, place, plane_of, offset2d and import", "[keys]") {
    // Their parameters went from string literals to typed keys (params/*.hpp):
    // the keys must not have moved. Values computed before that change.
    const Shape outline = Pen({0, 0}).line_to(10, 0).arc_to({15, 5}, {10, 10}).close();
    CHECK(outline.key().hex() ==
          "2cb5d24b7577ab1053891ea76d22c0d5014334cee7d051cafa286d459f852fbf");
    CHECK(Pen({1, 2}).line_to(5, 2).wire().key().hex() ==
          "598bff94de49778c450c57e651fad7ede55e4659af67e38ef6fd0f604c204359");
    CHECK(offset2d(circle(5), 1.5, false).key().hex() ==
          "6b53f3417e7ac47afb4d15ba41b3a4579767e1f0db9f8886bc8092be34c3e81b");
    const Plane tilted({1, 2, 3}, {0, 1, 0});
    CHECK(on(tilted, box(1, 2, 3)).key().hex() ==
          "e6c2d53dd862dde2e0ec083ab949a4a1dcdaae112a27fbbf67c2a3eee9351853");
    CHECK(relative_to(tilted, box(1, 2, 3)).key().hex() ==
          "e05f265e732144d954b8ee41b382f315cbb962e5c986bbc7e2abe9cec63b9c3f");
    const Plane top = plane_of(box(10, 10, 10), faces::top());
    CHECK(top.face().key().hex() ==
          "8a2122879ea5308d544f07d31cae4d419ef2faa05405171261651237426b1f10");
    CHECK(on(top, box(1, 1, 1)).key().hex() ==
          "510294317dbac80489b31e68585bac22257ccf8bc315ba20ccfc20bdbfcf847e");
    // Only the bytes count, and they are parsed when computed, not here.
    test::TempDir dir("keys-import");
    const std::string file = (dir / "part.brep").string();
    std::ofstream(file, std::ios::binary) << "golden bytes";
    CHECK(import_brep(file).key().hex() ==
          "e316eaa02cf1b2687e4ac0f792a9125b7b028305a421095eb306934407a5e3a4");
    CHECK(import_step(file).key().hex() ==
          "cb07b25416ef2475d91af0d2ec3bf23d50e99371757d97528c631377cb4e72d2");
}
