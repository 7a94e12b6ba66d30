// Every model in models/ runs (compiled by the real script runner) and is
// checked by volume against a formula or, where the geometry is helical, by
// bounds and by exact bounding boxes.

#include <catch2/catch.hpp>

#include <cmath>

#include "lazycad/lazycad.hpp"
#include "lazycad/parts.hpp"
#include "script_runner.hpp"
#include "support.hpp"

using namespace lazycad;

namespace {

constexpr double eps = 1e-6;

ModelResult run(const std::string& model, const std::map<std::string, std::string>& defines = {}) {
    return script::run_script(std::string(LAZYCAD_SOURCE_DIR) + "/models/" + model, defines, {})
        .model;
}

const Shape& shape_named(const ModelResult& m, const std::string& name) {
    for (const Displayed& d : m.shapes)
        if (d.shape.name() == name) return d.shape;
    FAIL("no displayed shape named " << name);
    throw;
}

double hex_area(double circumradius) { return 1.5 * std::sqrt(3.0) * circumradius * circumradius; }

} // namespace

TEST_CASE("models: box_with_hole has the volume of a block minus a cylinder", "[models]") {
    ModelResult m = run("box_with_hole.cpp", {{"height", "30"}});
    REQUIRE(m.shapes.size() == 1);
    CHECK(volume(m.shapes[0].shape) == Approx(10 * 10 * 30 - pi * 9 * 30).epsilon(eps));
    CHECK(is_valid(m.shapes[0].shape));
}

TEST_CASE("models: gate matches the volume of its parts", "[models]") {
    ModelResult m = run("gate.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& gate = m.shapes[0].shape;
    double w = 40, h = 20, d = 10, t = 3, r = 2, ear = 8;
    double frame = w * d * t + 2 * t * d * (h - t) + 2 * (1 - pi / 4) * r * r * d;
    double tab = ear * d * t + pi * (d / 2) * (d / 2) * t / 2;
    double pocket_and_hole = hex_area(4.0 / std::sqrt(3.0)) * 1.6 + pi * 1.1 * 1.1 * (t - 1.6);
    double slot = (w / 3) * 2 * t;
    double holes = 2 * pi * 1.0 * 1.0 * t;
    double expected = frame + 2 * (tab - pocket_and_hole) - slot - holes;
    CHECK(volume(gate) == Approx(expected).epsilon(1e-5));
    CHECK(is_valid(gate));
    CHECK(solid_count(gate) == 1);
    BoundingBox b = bounding_box(gate);
    CHECK(b.min.x == Approx(-ear - d / 2).margin(1e-4));
    CHECK(b.max.x == Approx(w + ear + d / 2).margin(1e-4));
    CHECK(b.size_z() == Approx(h).margin(1e-4));
}

TEST_CASE("models: bolt is a valid solid with ISO dimensions", "[models][thread]") {
    ModelResult m = run("bolt.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& bolt = m.shapes[0].shape;
    ThreadSize iso = iso_coarse_size("M8");
    HexDimensions hex = iso_hex_dimensions("M8");
    double L = 30, k = hex.head_height, s = hex.across_flats;
    CHECK(is_valid(bolt));
    CHECK(solid_count(bolt) == 1);
    BoundingBox b = bounding_box(bolt);
    CHECK(b.min.z == Approx(0).margin(1e-3));
    CHECK(b.max.z == Approx(L + k).margin(1e-3));
    CHECK(b.size_x() == Approx(2 * s / std::sqrt(3.0)).margin(1e-3)); // head corner to corner
    // Shank between the minor-diameter core and the full major cylinder; head
    // between the hex prism and the prism less its bevel.
    double d1 = thread_minor_diameter(iso.diameter, iso.pitch);
    double head = hex_area(s / std::sqrt(3.0)) * k;
    double v = volume(bolt);
    CHECK(v > pi / 4 * d1 * d1 * L + 0.9 * head);
    CHECK(v < pi / 4 * iso.diameter * iso.diameter * L + head);
    // The thread fills about half the space between d1 and d: the pitch-diameter
    // cylinder is a good estimate of the shank.
    double d2 = thread_pitch_diameter(iso.diameter, iso.pitch);
    CHECK(v == Approx(pi / 4 * d2 * d2 * L + head).epsilon(0.03));
}

TEST_CASE("models: bolt_and_nut parts do not interfere", "[models][thread][slow]") {
    ModelResult m = run("bolt_and_nut.cpp");
    REQUIRE(m.shapes.size() == 4);
    Shape bolt = shape_named(m, "bolt"), nut = shape_named(m, "nut");
    Shape washer = shape_named(m, "washer"), plate = shape_named(m, "plate");
    for (const Displayed& d : m.shapes) CHECK(is_valid(d.shape));
    double v_nut = volume(nut);
    // Parts that do not touch intersect in nothing: allowed to be empty here.
    CHECK(volume((bolt ^ nut).allow_empty()) < 1e-3 * v_nut);
    CHECK(volume((bolt ^ washer).allow_empty()) < 1e-6);
    CHECK(volume((bolt ^ plate).allow_empty()) < 1e-6);
    CHECK(volume((washer ^ nut).allow_empty()) < 1e-6);
    CHECK(volume((washer ^ plate).allow_empty()) < 1e-6);
    // The washer: ISO 7089 M10 ring 20 x 10.5 x 2.
    CHECK(volume(washer) == Approx(pi / 4 * (20.0 * 20.0 - 10.5 * 10.5) * 2.0).epsilon(eps));
}

TEST_CASE("models: crossed_threads lies between the Steinmetz solids of core and crest",
          "[models][thread][slow]") {
    ModelResult m = run("crossed_threads.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& miracle = m.shapes[0].shape;
    ThreadSize iso = iso_coarse_size("M10");
    double r1 = thread_minor_diameter(iso.diameter, iso.pitch) / 2, r = iso.diameter / 2;
    double v = volume(miracle);
    CHECK(is_valid(miracle));
    CHECK(v > 16.0 / 3.0 * r1 * r1 * r1);
    CHECK(v < 16.0 / 3.0 * r * r * r);
    BoundingBox b = bounding_box(miracle);
    CHECK(b.size_x() <= iso.diameter + 1e-3);
    CHECK(b.size_x() > 2 * r1);
}

TEST_CASE("models: enclosure body and lid are valid and sized by their parameters",
          "[models][thread][slow]") {
    ModelResult m = run("enclosure.cpp");
    REQUIRE(m.shapes.size() == 2);
    Shape body = shape_named(m, "body"), lid = shape_named(m, "lid");
    double w = 60, d = 40, h = 25, wall = 2, corner = 4, lid_t = 2.5;
    CHECK(is_valid(body));
    CHECK(is_valid(lid));
    CHECK(solid_count(body) == 1);
    CHECK(solid_count(lid) == 1);
    BoundingBox bb = bounding_box(body);
    CHECK(bb.size_x() == Approx(w).margin(1e-3));
    CHECK(bb.size_y() == Approx(d).margin(1e-3));
    CHECK(bb.size_z() == Approx(h).margin(1e-3));
    BoundingBox lb = bounding_box(lid);
    CHECK(lb.min.z == Approx(h + 10).margin(1e-3));
    CHECK(lb.size_z() == Approx(lid_t).margin(1e-3));
    // Rounded outline area; the shell keeps `wall` on the sides and the floor.
    double outline = w * d - (4 - pi) * corner * corner;
    double inner = (w - 2 * wall) * (d - 2 * wall) - (4 - pi) * (corner - wall) * (corner - wall);
    double shell = outline * h - inner * (h - wall);
    double v_body = volume(body);
    double boss = pi * 3.5 * 3.5 * (h - wall);
    CHECK(v_body > shell);              // bosses add material
    CHECK(v_body < shell + 4 * boss);   // ...less than four full bosses (they are tapped)
    double v_lid = volume(lid);
    CHECK(v_lid < outline * lid_t - 4 * pi / 4 * 3.4 * 3.4 * lid_t); // holes and engraving removed
    CHECK(v_lid > 0.8 * outline * lid_t);
}

TEST_CASE("models: motor_mount imports its vendor flange from STEP", "[models][import]") {
    ModelResult m = run("motor_mount.cpp", {{"plate", "6"}});
    REQUIRE(m.shapes.size() == 2);
    const Shape& bracket = shape_named(m, "bracket");
    const Shape& flange = shape_named(m, "motor_flange");
    CHECK(flange.operation() == "import_step");
    double t = 6;
    double plate = 60 * 42 * t - pi * 11.5 * 11.5 * t - 4 * pi * 1.7 * 1.7 * t - (1 - pi / 4) * 4 * t;
    CHECK(volume(bracket) == Approx(plate).epsilon(eps));
    CHECK(volume(flange) == Approx(42 * 42 * 5 - pi * 11 * 11 * 5 - 4 * pi * 1.5 * 1.5 * 5).epsilon(1e-6));
    CHECK(is_valid(bracket));
    CHECK(is_valid(flange));
    BoundingBox b = bounding_box(flange);
    CHECK(b.min.z == Approx(0).margin(1e-6));
    CHECK(b.max.z == Approx(5).margin(1e-6));
}

TEST_CASE("models: pillow_block has counterbores placed on its top face", "[models][workplanes]") {
    ModelResult m = run("pillow_block.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& block = m.shapes[0].shape;
    const double L = 80, H = 60, T = 10, d = 22, hd = 2.4, inset = 12, cd = 4.4, cdepth = 2.1;
    double expected = L * H * T - 4 * (1 - pi / 4) * 2 * 2 * T - pi * d * d / 4 * T -
                      4 * (pi * cd * cd / 4 * cdepth + pi * hd * hd / 4 * (T - cdepth));
    CHECK(volume(block) == Approx(expected).epsilon(eps));
    CHECK(is_valid(block));
    // The counterbores are where CadQuery puts them: a line up through a
    // corner counterbore, beside its hole, meets the bottom and the counterbore's floor.
    std::vector<Point> hits =
        intersections(block, {(L - inset) / 2 + (hd + cd) / 4, (H - inset) / 2, -20}, {0, 0, 1});
    REQUIRE(hits.size() == 2);
    CHECK(hits[1].z == Approx(T / 2 - cdepth));
    CHECK(face_count(block) == 6 + 4 + 1 + 4 * 3);
}

TEST_CASE("models: flanged_hub has a polar bolt circle and drafted ribs", "[models][workplanes]") {
    ModelResult m = run("flanged_hub.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& part = m.shapes[0].shape;
    const double R = 40, t = 8, r = 15, h = 25, bore = 16, len = 26, w = 5, rib_h = 12;
    const double tana = std::tan(5 * pi / 180), bolt_d = 6.6;
    // The part of a rib outside the hub, by layers: the rib's section at height
    // z spans |y| <= a, x from the hub's surface to len - z·tan(draft).
    auto outside = [&](double z) {
        double a = w / 2 - z * tana, xe = len - z * tana;
        return 2 * a * xe - (a * std::sqrt(r * r - a * a) + r * r * std::asin(a / r));
    };
    const int n = 1000; // Simpson's rule; the integrand is a smooth function of z
    double ribs = 0;
    for (int i = 0; i <= n; ++i)
        ribs += (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * outside(rib_h * i / n);
    ribs *= rib_h / n / 3;
    double expected = pi * R * R * t + pi * r * r * h + 4 * ribs - pi * bore * bore / 4 * (t + h) -
                      6 * pi * bolt_d * bolt_d / 4 * t;
    CHECK(volume(part) == Approx(expected).epsilon(eps));
    CHECK(is_valid(part));
    CHECK(solid_count(part) == 1);
    // The bolt holes go through the flange at 30° + k·60° (seen from below, mirrored).
    Point c{30 * std::cos(pi / 6), -30 * std::sin(pi / 6), -5};
    CHECK(intersections(part, c, {0, 0, 1}).empty());
    CHECK(center_of_mass(part).x == Approx(0).margin(1e-6));
}

TEST_CASE("models: cup is a revolved spline section (Pappus)", "[models][workplanes]") {
    ModelResult m = run("cup.cpp");
    REQUIRE(m.shapes.size() == 1);
    const Shape& cup = m.shapes[0].shape;
    // The section, found in the graph: revolve <- place <- face "section".
    const Shape& section = cup.parents().at(0).parents().at(0);
    REQUIRE(section.name() == "section");
    // Pappus: the volume of revolution is 2π · (the section's centroid radius) · area.
    // (BRepGProp's default adaptive rule was 6e-6 high on this spline surface
    // of revolution; volume() integrates it with Gauss-Kronrod.)
    double expected = 2 * pi * center_of_mass(section).x * area(section);
    CHECK(volume(cup) == Approx(expected).epsilon(1e-7));
    CHECK(is_valid(cup));
    BoundingBox b = bounding_box(cup);
    CHECK(b.size_z() == Approx(90).margin(1e-6));
    CHECK(b.max.x == Approx(48).margin(1e-3));
    // Open at the top, a floor 3 mm thick at the bottom.
    std::vector<Point> axis = intersections(cup, {0, 0, -1}, {0, 0, 1});
    REQUIRE(axis.size() == 2);
    CHECK(axis[1].z == Approx(3));
}
