// Custom lazy operations (evalcache's `@lazy`): a user OCCT function wrapped
// with a name and a version is keyed, cached and invalidated like any node.

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>

#include <BRepBuilderAPI_GTransform.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <Standard_Failure.hxx>
#include <gp_Dir.hxx>
#include <gp_GTrsf.hxx>

#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "script_runner.hpp"
#include "support.hpp"

using namespace lazycad;
using Catch::Matchers::Contains;

namespace {

std::atomic<int> g_calls{0};

/// The user's OCCT function: stretch along Z by the parameter "k" (a
/// non-uniform scale, which lazycad has no operation for).
TopoDS_Shape stretch_z(const std::vector<TopoDS_Shape>& in, const Params& params) {
    g_calls += 1;
    double k = params.at(0).value.as<double>();
    gp_GTrsf t;
    t.SetValue(3, 3, k);
    BRepBuilderAPI_GTransform b(in.at(0), t, /*copy=*/true);
    return b.Shape();
}

Shape stretched(const Shape& s, double k, const std::string& version = "1") {
    return custom_operation("stretch_z", version, {{"k", k}}, {s}, stretch_z);
}

} // namespace

TEST_CASE("custom op: result is correct geometry", "[features][custom_op]") {
    // A sphere stretched by k is an ellipsoid: 4/3 pi r^3 k.
    Shape e = stretched(sphere(5), 2.0);
    CHECK(e.operation() == "custom:stretch_z");
    CHECK(is_valid(e, test::without_cache()));
    CHECK(volume(e, test::without_cache()) == Approx(4.0 / 3.0 * pi * 125 * 2).epsilon(1e-4));
    BoundingBox bb = bounding_box(e, test::without_cache());
    CHECK(bb.size_z() == Approx(20).margin(1e-4));
    CHECK(bb.size_x() == Approx(10).margin(1e-4));
}

TEST_CASE("custom op: cached on disk like any node", "[features][custom_op]") {
    test::TempDir dir("custom-op");
    EvalOptions o = test::with_cache(dir.path());
    clear_memory_cache();
    g_calls = 0;
    Shape e = stretched(box(3, 4, 5), 3.0);
    Stats first = evaluate({e}, o);
    CHECK(first.computed == 2); // box + custom
    CHECK(g_calls == 1);

    clear_memory_cache();
    Stats second = evaluate({e}, o);
    CHECK(second.computed == 0);
    CHECK(second.disk_hits == 1);
    CHECK(second.nodes == 1); // the parent is never touched
    CHECK(g_calls == 1);
    CHECK(volume(e, o) == Approx(3 * 4 * 5 * 3.0).epsilon(1e-9));
}

TEST_CASE("custom op: a new version invalidates exactly that node and its descendants",
          "[features][custom_op]") {
    Shape base = box(7, 8, 9);
    Shape sibling = sphere(2).translate(0, 0, 30);
    auto build = [&](const std::string& version) {
        Shape custom = stretched(base, 1.5, version);
        Shape child = custom.translate(20, 0, 0);
        return std::vector<Shape>{custom, child, child + sibling};
    };
    std::vector<Shape> v1 = build("1"), v2 = build("2"), v1_again = build("1");
    for (int i = 0; i < 3; ++i) {
        CHECK(v1[i].key() != v2[i].key());
        CHECK(v1[i].key() == v1_again[i].key());
    }
    CHECK(v1[0].parents()[0].key() == v2[0].parents()[0].key()); // the parent keeps its key
    // Parameters are in the key too.
    CHECK(stretched(base, 1.5).key() != stretched(base, 1.6).key());
    // So is the name: two user operations never share entries.
    CHECK(custom_operation("a", "1", {}, {base}, stretch_z).key() !=
          custom_operation("b", "1", {}, {base}, stretch_z).key());

    clear_memory_cache();
    EvalOptions o = test::without_cache();
    Stats first = evaluate({v1[2]}, o);
    CHECK(first.computed == 6); // box, custom, translate, sphere, translate, union
    g_calls = 0;
    Stats second = evaluate({v2[2]}, o);
    CHECK(second.computed == 3);    // custom, translate, union
    CHECK(second.memory_hits == 2); // the box and the sibling branch
    CHECK(g_calls == 1);
    CHECK(volume(v2[2], o) == Approx(7 * 8 * 9 * 1.5 + 4.0 / 3.0 * pi * 8).epsilon(1e-5));
}

TEST_CASE("custom op: OCCT exceptions and errors become Error naming the op",
          "[features][custom_op][errors]") {
    SECTION("Standard_Failure from OCCT") {
        Shape bad =
            custom_operation("zero_dir", "1", {}, {},
                             [](const std::vector<TopoDS_Shape>&, const Params&) -> TopoDS_Shape {
                                 gp_Dir d(0, 0, 0); // throws Standard_ConstructionError
                                 return BRepPrimAPI_MakeBox(1, 1, d.Z() + 1).Shape();
                             });
        try {
            evaluate({bad}, test::without_cache());
            FAIL("expected an Error");
        } catch (const Error& e) {
            CHECK(e.operation() == "custom:zero_dir");
            CHECK_THAT(e.what(), Contains("custom:zero_dir") && Contains("OCCT failed"));
        }
    }
    SECTION("a null result") {
        Shape bad = custom_operation(
            "nothing", "1", {}, {},
            [](const std::vector<TopoDS_Shape>&, const Params&) { return TopoDS_Shape(); });
        try {
            evaluate({bad}, test::without_cache());
            FAIL("expected an Error");
        } catch (const Error& e) {
            CHECK(e.operation() == "custom:nothing");
            CHECK_THAT(e.what(), Contains("produced no shape"));
        }
    }
}

TEST_CASE("custom op: the example model runs from the CLI", "[features][custom_op][slow]") {
    auto r = test::run_cli(
        {"run", LAZYCAD_SOURCE_DIR "/models/custom_op.cpp", "--no-cache", "--stats=json"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::string last = r.out.substr(r.out.rfind('{'));
    CHECK_THAT(last, Contains("\"computed\":"));
    CHECK_THAT(last, Contains("\"disk_hits\":0"));
}

TEST_CASE("custom op: the example model's knob has the volume of its parts",
          "[features][custom_op][slow]") {
    test::TempDir dir("custom-op-model");
    CacheOptions cache{true, dir.path().string(), {}};
    auto run =
        script::run_script(LAZYCAD_SOURCE_DIR "/models/custom_op.cpp", {{"stretch", "0.5"}}, cache);
    REQUIRE(run.model.shapes.size() == 1);
    const Shape& knob = run.model.shapes[0].shape;
    EvalOptions o = test::with_cache(dir.path());
    // Cylinder r^2 pi (r/2) + half ellipsoid 2/3 pi r^2 (k r) - blind hole pi 2^2 (r/2).
    const double r = 10, k = 0.5;
    CHECK(is_valid(knob, o));
    CHECK(
        volume(knob, o) ==
        Approx(pi * r * r * r / 2 + 2.0 / 3.0 * pi * r * r * k * r - pi * 4 * r / 2).epsilon(1e-4));
    BoundingBox bb = bounding_box(knob, o);
    CHECK(bb.max.z == Approx(k * r).margin(1e-3));
    CHECK(bb.min.z == Approx(-r / 2).margin(1e-6));
}
