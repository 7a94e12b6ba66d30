// The bad-input catalogue: every entry is one wrong call, and the Error it
// raises must name the operation and the parameter, both in operation() /
// parameter() and in the message. Entries marked "eval" are only detectable
// when the geometry is built; the others fail when the node is made.

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <new>
#include <limits>

#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "support.hpp"

using namespace lazycad;

namespace {

const double nan_ = std::numeric_limits<double>::quiet_NaN();
const double inf_ = std::numeric_limits<double>::infinity();

struct BadInput {
    const char* what;
    std::function<void()> call;
    const char* operation;
    const char* parameter;
};

/// Build and evaluate (without a disk cache): errors of either stage surface.
void eval(const Shape& s) {
    evaluate({s}, test::without_cache());
}

void model_height() {
    display(box(10, 10, param("height", 20.0)));
}
void model_count() {
    display(ngon(5, param("sides", 6)));
}

const Shape cube = box(10, 10, 10);

const std::vector<BadInput>& catalogue() {
    static const std::vector<BadInput> table{
        // --- solids
        {"box with a negative size", [] { box(-1, 2, 3); }, "box", "x"},
        {"box with a zero height", [] { box(1, 2, 0); }, "box", "z"},
        {"box with a NaN size", [] { box(1, nan_, 3); }, "box", "y"},
        {"sphere with a negative radius", [] { sphere(-2); }, "sphere", "r"},
        {"sphere with an infinite radius", [] { sphere(inf_); }, "sphere", "r"},
        {"cylinder with zero height", [] { cylinder(1, 0); }, "cylinder", "h"},
        {"cone with a negative radius", [] { cone(-1, 2, 3); }, "cone", "r1"},
        {"cone with equal radii", [] { cone(2, 2, 3); }, "cone", "r2"},
        {"torus with minor radius >= major", [] { torus(2, 3); }, "torus", "r2"},
        {"wedge with a negative top length", [] { wedge(1, 2, 3, -1); }, "wedge", "ltx"},
        // --- transforms
        {"translate by NaN", [] { cube.translate(nan_, 0, 0); }, "translate", "offset"},
        {"up by infinity", [] { cube.up(inf_); }, "translate", "offset"},
        {"rotate by a NaN angle", [] { cube.rotate_z(rad(nan_)); }, "rotate", "angle"},
        {"rotate about the zero axis",
         [] {
             cube.rotate({}, {0, 0, 0}, deg(10));
         },
         "rotate", "direction"},
        {"scale by zero", [] { cube.scale(0); }, "scale", "factor"},
        {"scale by a negative factor", [] { cube.scale(-2); }, "scale", "factor"},
        // --- booleans
        {"union_all of nothing", [] { union_all({}); }, "union_all", "shapes"},
        // --- 2D and extrusion
        {"polygon with two points",
         [] {
             polygon({{0, 0}, {1, 0}});
         },
         "polygon", "points"},
        {"self-intersecting polygon",
         [] {
             polygon({{0, 0}, {1, 1}, {1, 0}, {0, 1}});
         },
         "polygon", "points"},
        {"ngon with two corners", [] { ngon(5, 2); }, "ngon", "n"},
        {"rectangle with zero width", [] { rectangle(3, 0); }, "rectangle", "y"},
        {"circle with zero radius", [] { circle(0); }, "circle", "r"},
        {"extrude by zero", [] { rectangle(3, 4).extrude(0); }, "extrude", "height"},
        // --- fillet, chamfer, shell, offset
        {"fillet with zero radius", [] { cube.fillet(0); }, "fillet", "r"},
        {"fillet with a NaN radius", [] { cube.fillet(nan_); }, "fillet", "r"},
        {"fillet near a NaN point",
         [] {
             cube.fillet(1, edges::near({nan_, 0, 0}));
         },
         "fillet", "edges"},
        {"eval: fillet radius too large", [] { eval(cube.fillet(6)); }, "fillet", "r"},
        {"eval: fillet of circles on a box", [] { eval(cube.fillet(1, edges::circles())); },
         "fillet", "edges"},
        {"chamfer with a negative distance", [] { cube.chamfer(-1); }, "chamfer", "d"},
        {"eval: chamfer distance too large", [] { eval(cube.chamfer(20)); }, "chamfer", "d"},
        {"eval: chamfer of an empty combination",
         [] { eval(cube.chamfer(1, edges::parallel_to(Axis::Z) & edges::of_face(faces::top()))); },
         "chamfer", "edges"},
        {"shell with zero thickness", [] { cube.shell(0); }, "shell", "thickness"},
        {"eval: shell thicker than the solid", [] { eval(cube.shell(12)); }, "shell", "thickness"},
        {"eval: shell opening no face",
         [] { eval(cube.shell(1, faces::normal_to(Axis::Z) & faces::normal_to(Axis::X))); },
         "shell", "open"},
        {"offset by zero", [] { cube.offset(0); }, "offset", "distance"},
        {"eval: offset shrinking to nothing", [] { eval(cube.offset(-6)); }, "offset", "distance"},
        // --- holes
        {"hole with zero diameter",
         [] {
             hole(cube, HoleSpec::through(0), {5, 5, 10});
         },
         "hole", "diameter"},
        {"blind hole with negative depth", [] { HoleSpec::blind(3, -1); }, "hole", "depth"},
        {"counterbore narrower than the hole",
         [] {
             hole(cube, HoleSpec::through(6).counterbore(5, 2), {5, 5, 10});
         },
         "hole", "counterbore_diameter"},
        {"counterbore deeper than the blind hole",
         [] {
             hole(cube, HoleSpec::blind(3, 4).counterbore(6, 5), {5, 5, 10});
         },
         "hole", "counterbore_depth"},
        {"countersink with a flat angle",
         [] {
             hole(cube, HoleSpec::through(3).countersink(6, deg(180)), {5, 5, 10});
         },
         "hole", "countersink_angle"},
        {"hole along the zero vector",
         [] {
             hole(cube, HoleSpec::through(3), {5, 5, 10}, {0, 0, 0});
         },
         "hole", "direction"},
        {"hole at a NaN position",
         [] {
             hole(cube, HoleSpec::through(3), {5, nan_, 10});
         },
         "hole", "entry"},
        {"eval: hole pointing away from the body",
         [] {
             eval(hole(cube, HoleSpec::through(3), {5, 5, 10}, {0, 0, 1}));
         },
         "hole", "direction"},
        // --- patterns
        {"linear_array with no copies",
         [] {
             linear_array(cube, 0, {20, 0, 0});
         },
         "linear_array", "n"},
        {"linear_array with a zero step",
         [] {
             linear_array(cube, 3, {0, 0, 0});
         },
         "linear_array", "step"},
        {"polar_array with no copies", [] { polar_array(cube, 0); }, "polar_array", "n"},
        {"polar_array over zero degrees", [] { polar_array(cube, 3, deg(0)); }, "polar_array",
         "total"},
        {"polar_array over more than a turn", [] { polar_array(cube, 3, deg(400)); }, "polar_array",
         "total"},
        // --- bounds: lengths in [1e-6, 1e7] mm, positions within ±1e7 mm, counts <= 10000
        {"translate by 1e308", [] { cube.translate(1e308, 0, 0); }, "translate", "offset"},
        {"up by 1e8", [] { cube.up(1e8); }, "translate", "offset"},
        {"box of 1e308", [] { box(1e308, 1, 1); }, "box", "x"},
        {"box of 1e-300", [] { box(1, 1e-300, 1); }, "box", "y"},
        {"sphere of 1e8", [] { sphere(1e8); }, "sphere", "r"},
        {"cone with a 1e-9 top radius", [] { cone(1, 1e-9, 2); }, "cone", "r2"},
        {"fillet of 1e-12", [] { cube.fillet(1e-12); }, "fillet", "r"},
        {"shell of 1e308", [] { cube.shell(1e308); }, "shell", "thickness"},
        {"offset of -1e9", [] { cube.offset(-1e9); }, "offset", "distance"},
        {"scale by 1e300", [] { cube.scale(1e300); }, "scale", "factor"},
        {"rotate about a far origin",
         [] {
             cube.rotate({1e300, 0, 0}, {0, 0, 1}, deg(10));
         },
         "rotate", "origin"},
        {"segment to 1e308",
         [] {
             segment({0, 0, 0}, {1e308, 0, 0});
         },
         "segment", "b"},
        {"polygon point at 1e9",
         [] {
             polygon({{0, 0}, {1e9, 0}, {0, 1}});
         },
         "polygon", "points"},
        {"hole at 1e308",
         [] {
             hole(cube, HoleSpec::through(3), {1e308, 5, 10});
         },
         "hole", "entry"},
        {"polar_array with 1e7 copies", [] { polar_array(cube, 10000000); }, "polar_array", "n"},
        {"linear_array with 1e7 copies",
         [] {
             linear_array(cube, 10000000, {20, 0, 0});
         },
         "linear_array", "n"},
        {"linear_array reaching 1e8 mm away",
         [] {
             linear_array(cube, 1000, {1e5, 0, 0});
         },
         "linear_array", "step"},
        {"ngon with 1e9 sides", [] { ngon(1, 1000000000); }, "ngon", "n"},
        {"polygon with 20000 points",
         [] {
             std::vector<Point2> pts;
             for (int i = 0; i < 20000; ++i)
                 pts.push_back({std::cos(i * 2 * M_PI / 20000), std::sin(i * 2 * M_PI / 20000)});
             polygon(pts);
         },
         "polygon", "points"},
        {"polyline with 20000 points",
         [] {
             std::vector<Point> pts;
             for (int i = 0; i < 20000; ++i) pts.push_back({double(i), double(i % 2), 0});
             polyline(pts);
         },
         "polyline", "points"},
        {"union_all of 20000 shapes",
         [] {
             union_all(std::vector<Shape>(20000, cube));
         },
         "union_all", "shapes"},
        {"text of 20000 characters", [] { text(std::string(20000, 'a'), 5); }, "text", "string"},
        {"helix of 1e8 mm", [] { helix(1, 1e8, 5); }, "helix", "height"},
        // --- argument kinds, known once the parent is evaluated
        {"eval: extrude of a solid", [] { eval(cube.extrude(5)); }, "extrude", "profile"},
        {"eval: linear_extrude of a solid", [] { eval(linear_extrude(cube, 5, deg(30))); },
         "linear_extrude", "profile"},
        {"eval: fillet2d of a solid", [] { eval(cube.fillet2d(1)); }, "fillet2d", "shape"},
        {"eval: shell of a face", [] { eval(rectangle(3, 4).shell(0.5)); }, "shell", "shape"},
        {"eval: offset of a face", [] { eval(rectangle(3, 4).offset(0.5)); }, "offset", "shape"},
        {"eval: hole in a face",
         [] {
             eval(hole(rectangle(3, 4), HoleSpec::through(1), {1, 1, 0}));
         },
         "hole", "body"},
        {"eval: revolve of a solid", [] { eval(cube.right(20).revolve(deg(90))); }, "revolve",
         "profile"},
        // --- custom operations
        {"custom operation without a name",
         [] {
             custom_operation("", "1", {}, {},
                              [](const auto&, const Params&) { return TopoDS_Shape(); });
         },
         "custom_operation", "name"},
        // --- script parameters
        {"-D height=abc",
         [] {
             run_model(model_height, {{"height", "abc"}});
         },
         "param", "height"},
        {"-D sides=2.5 for an integer",
         [] {
             run_model(model_count, {{"sides", "2.5"}});
         },
         "param", "sides"},
        {"-D with an unknown name",
         [] {
             run_model(model_height, {{"heigth", "3"}});
         },
         "param", "heigth"},
        {"-D sides=2 reaching ngon",
         [] {
             run_model(model_count, {{"sides", "2"}});
         },
         "ngon", "n"},
    };
    return table;
}

} // namespace

TEST_CASE("bad inputs: std::bad_alloc while computing is an Error naming the operation", "[errors]") {
    Shape s = custom_operation("hungry", "1", {}, {}, [](const auto&, const Params&) -> TopoDS_Shape {
        throw std::bad_alloc();
    });
    try {
        eval(s);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.operation() == "custom:hungry");
        CHECK_THAT(e.what(), Catch::Matchers::Contains("hungry") &&
                                 Catch::Matchers::Contains("out of memory"));
    }
}

TEST_CASE("bad inputs: each names its operation and parameter", "[errors]") {
    const auto& table = catalogue();
    CHECK(table.size() >= 30);
    for (const BadInput& bad : table) {
        INFO(bad.what);
        bool threw = false;
        try {
            bad.call();
        } catch (const Error& e) {
            threw = true;
            INFO("message: " << e.what());
            CHECK(e.operation() == bad.operation);
            CHECK(e.parameter() == bad.parameter);
            std::string msg = e.what();
            CHECK(msg.find(bad.operation) != std::string::npos);
            CHECK(msg.find(std::string("'") + bad.parameter + "'") != std::string::npos);
        }
        CHECK(threw);
    }
}
