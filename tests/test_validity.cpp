// The validity policy (eval/validity.hpp): what leaves lazycad is checked once,
// the verdict is cached with the result, an invalid result names the first
// invalid operation; booleans are bounded by their operands' volumes, and an
// empty boolean is an Error unless allowed.

#include <catch2/catch.hpp>

#include <cmath>

#include <BRepPrimAPI_MakeBox.hxx>
#include <BRep_Builder.hxx>
#include <TopoDS_Compound.hxx>
#include <nlohmann/json.hpp>

#include "cache/directory_store.hpp"
#include "geometry/boolean_checks.hpp"
#include "graph/node.hpp"
#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "support.hpp"

using namespace lazycad;
using Catch::Matchers::Contains;

namespace {

/// A 10 mm cube with a 4 mm hole through it.
Shape drilled() { return box(10, 10, 10) - cylinder(2, 20).translate(5, 5, -5); }
const double drilled_volume = 1000 - pi * 4 * 10;

std::string record_of(detail::DirectoryStore& store, const Shape& s) {
    Stats ignored;
    std::string record;
    REQUIRE(store.load(s.key(), ignored, &record));
    return record;
}

bool says_valid(const std::string& record) {
    return nlohmann::json::parse(record).value("valid", false);
}

/// An entry for `s` as an older lazycad (or another writer) would have left
/// it: `shape`, with no verdict in its record.
void store_unchecked(const std::filesystem::path& cache, const Shape& s, const TopoDS_Shape& shape) {
    auto store = detail::DirectoryStore::open(cache);
    Stats ignored;
    store->store(s.key(), shape, R"({"operation":")" + s.operation() + R"("})", ignored);
}

} // namespace

TEST_CASE("validity: a result is checked once when computed, never on a hit", "[validity]") {
    test::TempDir dir("validity-once");
    EvalOptions o = test::with_cache(dir.path());
    Shape s = drilled();
    clear_memory_cache();

    Stats cold = evaluate({s}, o);
    CHECK(cold.computed >= 1);
    CHECK(cold.checked == 1); // the root only: the boxes and cylinders are not leaving
    auto store = detail::DirectoryStore::open(dir.path());
    CHECK(says_valid(record_of(*store, s)));

    Stats memory = evaluate({s}, o);
    CHECK(memory.memory_hits == 1);
    CHECK(memory.checked == 0);
    CHECK(volume(s, o) == Approx(drilled_volume).epsilon(1e-9));

    clear_memory_cache(); // a new process, as far as the caches are concerned
    Stats warm = evaluate({s}, o);
    CHECK(warm.disk_hits == 1);
    CHECK(warm.computed == 0);
    CHECK(warm.checked == 0);
    CHECK(warm.check_ms == 0);
    CHECK(volume(s, o) == Approx(drilled_volume).epsilon(1e-9));
    CHECK_THAT(warm.to_json(), Contains("\"checked\":0"));
}

TEST_CASE("validity: an entry without a verdict is checked once, then carries it", "[validity]") {
    test::TempDir dir("validity-old-entry");
    EvalOptions o = test::with_cache(dir.path());
    Shape s = drilled();
    store_unchecked(dir.path(), s, BRepPrimAPI_MakeBox(10, 10, 10).Shape());
    clear_memory_cache();

    Stats first = evaluate({s}, o);
    CHECK(first.disk_hits == 1);
    CHECK(first.checked == 1);
    auto store = detail::DirectoryStore::open(dir.path());
    std::string record = record_of(*store, s);
    CHECK(says_valid(record));
    CHECK_THAT(record, Contains("\"operation\":\"difference\"")); // the rest is kept

    clear_memory_cache();
    Stats second = evaluate({s}, o);
    CHECK(second.disk_hits == 1);
    CHECK(second.checked == 0);
}

TEST_CASE("validity: an invalid result names the first invalid operation below it", "[validity]") {
    test::TempDir dir("validity-blame");
    EvalOptions o = test::with_cache(dir.path());
    // An inside-out box (negative volume, which BRepCheck alone accepts) cached
    // under the key of the difference, as a result computed before the policy
    // would be; the root made from it is computed now.
    Shape cut = drilled();
    store_unchecked(dir.path(), cut, BRepPrimAPI_MakeBox(10, 10, 10).Shape().Reversed());
    Shape root = cut.up(5).rotate_z(deg(30));
    clear_memory_cache();

    try {
        evaluate({root}, o);
        FAIL("an invalid root was accepted");
    } catch (const Error& e) {
        CHECK(e.operation() == "difference");
        CHECK(e.origin() == cut.node().origin);
        CHECK(e.origin() != root.node().origin);
        CHECK_THAT(e.what(), Contains("difference: the result is not a valid shape"));
        CHECK_THAT(e.what(), Contains("volume -1000"));
        CHECK_THAT(e.what(), Contains("rotate below uses it"));
    }
    // Nothing invalid was stored under the root's key, and every reader sees the Error.
    CHECK_FALSE(detail::DirectoryStore::open(dir.path())->contains(root.key()));
    CHECK_THROWS_AS(volume(root, o), Error);
    CHECK_THROWS_AS(occt_shape(cut, o), Error);
    // is_valid() reports the verdict instead.
    CHECK_FALSE(is_valid(root, o));
    CHECK(is_valid(box(1, 2, 3).up(1), test::without_cache()));
    clear_memory_cache(); // the poisoned result must not reach other tests
}

TEST_CASE("validity: a custom operation's inside-out solid is an Error naming it", "[validity]") {
    Shape bad = custom_operation("inside_out", "1", {}, {}, [](const auto&, const auto&) {
        return BRepPrimAPI_MakeBox(1, 2, 3).Shape().Reversed();
    });
    try {
        evaluate({bad.translate(1, 0, 0)}, test::without_cache());
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(e.operation() == "custom:inside_out");
        CHECK_THAT(e.what(), Contains("solid 1 has volume -6"));
    }
}

TEST_CASE("booleans: an empty result is an Error unless allowed", "[validity][ops]") {
    EvalOptions o = test::without_cache();
    Shape part = box(10, 10, 10);
    SECTION("a cut that removes everything") {
        Shape gone = part - box(20, 20, 20).translate(-5, -5, -5);
        try {
            evaluate({gone}, o);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.operation() == "difference");
            CHECK(e.origin() == gone.node().origin);
            CHECK_THAT(e.what(), Contains("the result is empty"));
            CHECK_THAT(e.what(), Contains(".allow_empty()"));
        }
        Shape allowed = gone.allow_empty();
        CHECK(allowed.key() != gone.key());
        CHECK(allowed.allow_empty().key() == allowed.key());
        CHECK(solid_count(allowed, o) == 0);
    }
    SECTION("a disjoint intersection") {
        Shape apart = part ^ box(1, 1, 1).translate(20, 0, 0);
        CHECK_THROWS_WITH(evaluate({apart}, o), Contains("intersection: the result is empty (the "
                                                         "shapes do not overlap)"));
        CHECK(solid_count(apart.allow_empty(), o) == 0);
    }
    SECTION("a hole wider than the part") {
        Shape pin = cylinder(2, 10);
        Shape drilled_out = hole(pin, HoleSpec::through(6), {0, 0, 10});
        CHECK_THROWS_WITH(evaluate({drilled_out}, o),
                          Contains("hole: the result is empty (the hole removes all of the part)"));
        CHECK(solid_count(drilled_out.allow_empty(), o) == 0);
    }
    SECTION("only booleans and holes may be allowed to be empty") {
        test::require_error([&] { part.allow_empty(); }, "allow_empty", "shape");
    }
}

TEST_CASE("booleans: a result outside its volume bounds is an Error with both volumes",
          "[validity][ops]") {
    // What the bounds catch, shown on results OCCT really returned for other
    // operands (the bounds are checked where every boolean is computed).
    TopoDS_Shape a = BRepPrimAPI_MakeBox(10, 10, 10).Shape(); // 1000
    TopoDS_Shape b = BRepPrimAPI_MakeBox(5, 5, 5).Shape();    // 125
    TopoDS_Shape big = BRepPrimAPI_MakeBox(20, 10, 10).Shape();
    TopoDS_Shape small = BRepPrimAPI_MakeBox(1, 1, 1).Shape();
    auto check = [](detail::BooleanKind kind, const char* op, const TopoDS_Shape& x,
                    const TopoDS_Shape& y, const TopoDS_Shape& result) {
        detail::Node n;
        n.op = op;
        std::vector<TopoDS_Shape> inputs{x, y};
        detail::check_boolean_result(kind, inputs, result, detail::OpContext{n, inputs, {}});
    };
    using detail::BooleanKind;
    CHECK_THROWS_WITH(check(BooleanKind::cut, "difference", a, b, big),
                      Contains("difference: OCCT returned a wrong result: its volume 2000 is "
                               "outside [875, 1000], the bounds the operands' volumes (1000, 125)"));
    CHECK_THROWS_WITH(check(BooleanKind::cut, "difference", a, b, small), Contains("volume 1 is outside"));
    CHECK_THROWS_WITH(check(BooleanKind::common, "intersection", a, b, a), Contains("[0, 125]"));
    CHECK_THROWS_WITH(check(BooleanKind::fuse, "union", a, b, small), Contains("[1000, 1125]"));
    CHECK_NOTHROW(check(BooleanKind::cut, "difference", a, b,
                        BRepPrimAPI_MakeBox(10, 10, 8.75).Shape())); // exactly vol(a) - vol(b)
    CHECK_NOTHROW(check(BooleanKind::fuse, "union", a, b, a));
    // Within bounds but wrong: an operand kept whole, or nothing at all, while
    // a point of the other operand says otherwise (issue 11, bug 1's symptoms).
    TopoDS_Shape inner = BRepPrimAPI_MakeBox(gp_Pnt(2, 2, 2), 5, 5, 5).Shape();
    TopoDS_Shape sticking_out = BRepPrimAPI_MakeBox(gp_Pnt(8, 2, 2), 5, 5, 5).Shape();
    TopoDS_Compound nothing;
    BRep_Builder().MakeCompound(nothing);
    CHECK_THROWS_WITH(check(BooleanKind::cut, "difference", a, inner, a),
                      Contains("nothing was removed, though the tool reaches inside the shape at"));
    CHECK_THROWS_WITH(check(BooleanKind::cut, "difference", a, inner, nothing),
                      Contains("the result is empty, though the shape reaches outside the tool"));
    CHECK_THROWS_WITH(check(BooleanKind::common, "intersection", a, inner, nothing),
                      Contains("the result is empty, though the shapes overlap"));
    CHECK_THROWS_WITH(check(BooleanKind::fuse, "union", a, sticking_out, a),
                      Contains("the union is no larger than one operand"));
    // Real booleans at the bounds pass: a pocket wholly inside, a tool wholly outside.
    EvalOptions o = test::without_cache();
    Shape cube = box(10, 10, 10);
    CHECK(volume(cube - box(2, 2, 2).translate(4, 4, 4), o) == Approx(992).epsilon(1e-9));
    CHECK(volume(cube - box(2, 2, 2).translate(40, 4, 4), o) == Approx(1000).epsilon(1e-9));
    CHECK(volume(cube + box(2, 2, 2).translate(4, 4, 4), o) == Approx(1000).epsilon(1e-9));
    CHECK(volume(cube ^ box(2, 2, 2).translate(4, 4, 4), o) == Approx(8).epsilon(1e-9));
}

TEST_CASE("booleans: the volume the checks derive for a result is the result's", "[validity][ops]") {
    // The checks take a result's volume as its operands' (remembered along a
    // chain, or integrated once) with the terms of the faces the boolean made
    // and removed, not by integrating the result: a cut with a threaded tool
    // keeps most of the tool's faces (reversed), a union of bosses keeps most
    // of theirs. The volume left for the next check must be the result's,
    // for either hand of thread.
    const double minor = thread_minor_diameter(3, 0.5);
    ThreadSpec tap = thread_spec("M3", 8);
    tap.kind = ThreadKind::internal;
    tap.start = tap.end = ThreadEnd::square;
    tap.clearance = 0.02;
    Shape tool = cylinder(minor / 2, 8) + thread(tap);
    Shape boss = cylinder(3.5, 20) - tool.up(12);
    Shape plate = box(30, 20, 2);
    Shape m5_core = cylinder(thread_minor_diameter(5, 0.8) / 2, 12);
    std::vector<Shape> parts{plate, boss.translate(8, 10, 2), boss.translate(22, 10, 2)};
    const std::vector<std::pair<const char*, Shape>> cases{
        {"cut with a threaded tool", boss},
        {"union of touching parts", union_all(parts)},
        {"cut by a box", union_all(parts) - box(10, 30, 30).translate(-5, -5, -5)},
        {"common", plate ^ cylinder(6, 10).translate(15, 10, -1)},
        {"right-hand thread on its core", m5_core + thread(thread_spec("M5", 12))},
        {"left-hand thread on its core", m5_core + [] {
             ThreadSpec s = thread_spec("M5", 12);
             s.hand = Hand::left;
             return thread(s);
         }()},
    };
    for (const auto& [what, s] : cases) {
        INFO(what);
        clear_memory_cache();
        const TopoDS_Shape t = occt_shape(s, test::without_cache());
        const std::optional<double> known = detail::known_volume(t);
        REQUIRE(known);
        CHECK(*known == Approx(volume(s, test::without_cache())).epsilon(1e-7));
    }
}

TEST_CASE("cli: an empty cut names its script line", "[validity][cli]") {
    test::TempDir dir("validity-cli");
    test::write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    Shape part = box(10, 10, 10);
    Shape tool = box(20, 20, 20).translate(-5, -5, -5);
    display(part - tool);
}
)");
    test::CliResult r = test::run_cli({"run", (dir / "m.cpp").string(), "--no-cache"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Contains("m.cpp:6: error: difference: the result is empty"));
}

TEST_CASE("cli: a bare number as an angle says to write deg()", "[validity][cli]") {
    test::TempDir dir("validity-angle");
    test::write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    display(box(1, 2, 3).rotate_z(90));
}
)");
    test::CliResult r = test::run_cli({"run", (dir / "m.cpp").string(), "--no-cache"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Contains("m.cpp:4:") &&
                             Contains("an angle needs a unit: write deg(90) or rad(pi / 2)"));
}
