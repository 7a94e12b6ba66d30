// Planes and placement (issue 15, item 1): Plane values, on() and
// relative_to(), the plane of a selected face, holes drilled from a plane,
// mirror through any plane. Positions and volumes against formulas.

#include <catch2/catch.hpp>

#include <cmath>

#include "lazycad/lazycad.hpp"
#include "support.hpp"

using namespace lazycad;
using lazycad::test::require_error;
using Catch::Detail::Approx;

namespace {

void require_vec(Vec v, Vec expected) {
    CHECK(v.x == Approx(expected.x).margin(1e-12));
    CHECK(v.y == Approx(expected.y).margin(1e-12));
    CHECK(v.z == Approx(expected.z).margin(1e-12));
}

void require_point(Point p, Point expected, double margin = 1e-7) {
    CHECK(p.x == Approx(expected.x).margin(margin));
    CHECK(p.y == Approx(expected.y).margin(margin));
    CHECK(p.z == Approx(expected.z).margin(margin));
}

} // namespace

TEST_CASE("workplanes: named planes and the plane arithmetic", "[workplanes]") {
    // CadQuery's and build123d's frames: walls have their local y up.
    require_vec(Plane::XY.y_dir(), {0, 1, 0});
    require_vec(Plane::XZ.normal(), {0, -1, 0});
    require_vec(Plane::XZ.y_dir(), {0, 0, 1});
    require_vec(Plane::YZ.x_dir(), {0, 1, 0});
    require_vec(Plane::YZ.y_dir(), {0, 0, 1});
    // x direction chosen as CadQuery does (Z × normal), and made orthonormal.
    require_vec(Plane({0, 0, 0}, {0, 2, 0}).x_dir(), {-1, 0, 0});
    require_vec(Plane({0, 0, 0}, {0, 0, -3}).x_dir(), {1, 0, 0});
    require_vec(Plane({0, 0, 0}, {0, 0, 1}, {1, 0, 1}).x_dir(), {1, 0, 0});

    Plane p = Plane::XY.offset(5).shifted(3, 4);
    require_point(p.origin(), {3, 4, 5});
    require_point(Plane::XZ.offset(2).origin(), {0, -2, 0});
    require_point(Plane::XZ.at(1, 2, 3), {1, -3, 2});
    // Turned about its own x axis by 90°: the normal +Z goes to -Y.
    require_vec(Plane::XY.rotated(deg(90)).normal(), {0, -1, 0});
    require_vec(Plane::XY.rotated(deg(0), deg(0), deg(90)).x_dir(), {0, 1, 0});
    require_vec(Plane::XY.flipped().normal(), {0, 0, -1});
    require_vec(Plane::XY.flipped().y_dir(), {0, -1, 0});

    require_error([] { Plane({0, 0, 0}, {0, 0, 0}); }, "plane", "normal");
    require_error([] { Plane({0, 0, 0}, {0, 0, 1}, {0, 0, 5}); }, "plane", "x_dir");
    require_error([] { Plane({NAN, 0, 0}, {0, 0, 1}); }, "plane", "origin");
    require_error([] { Plane::XY.offset(INFINITY); }, "plane", "offset");
}

TEST_CASE("workplanes: on() places what is built in XY onto a plane", "[workplanes]") {
    // The identity placement adds no node.
    Shape b = box(1, 2, 3);
    REQUIRE(on(Plane::XY, b).key() == b.key());

    // A rectangle on XZ stands up: x along X, y along Z.
    BoundingBox r = bounding_box(on(Plane::XZ, rectangle(4, 6)));
    CHECK(r.size_x() == Approx(4));
    CHECK(r.size_y() == Approx(0).margin(1e-7));
    CHECK(r.size_z() == Approx(6));

    // A profile drawn in XZ revolves about Z without a manual rotate_x:
    // a ring of inner radius 5, outer 10, height 4.
    Shape ring = on(Plane::XZ, rectangle(5, 4).right(5)).revolve();
    CHECK(volume(ring) == Approx(pi * (100 - 25) * 4).epsilon(1e-6));
    CHECK(is_valid(ring));

    // Built in the plane's coordinates: a box on an offset, shifted plane.
    Shape moved = on(Plane::XY.offset(5).shifted(3, 4), box(1, 1, 1));
    BoundingBox m = bounding_box(moved);
    require_point(m.min, {3, 4, 5});
    // A plane through a point with its own normal: a cylinder lying along +X.
    BoundingBox c = bounding_box(on(Plane({10, 0, 0}, {1, 0, 0}), cylinder(2, 7)));
    require_point(c.min, {10, -2, -2}, 1e-6);
    require_point(c.max, {17, 2, 2}, 1e-6);

    // relative_to is the inverse: there and back lands where it started.
    Plane tilted = Plane({1, 2, 3}, {1, 1, 1});
    Shape back = on(tilted, relative_to(tilted, box(2, 3, 4).right(7)));
    require_point(bounding_box(back).min, {7, 0, 0}, 1e-6);
    require_point(bounding_box(back).max, {9, 3, 4}, 1e-6);
}

TEST_CASE("workplanes: the plane of a selected face", "[workplanes]") {
    const double a = 20, b = 30, h = 10;
    Shape block = box(a, b, h);
    Plane top = plane_of(block, faces::top());
    REQUIRE(top.on_face());
    // A boss on the top face's centre, built in XY.
    Shape boss = on(top, cylinder(2, 5));
    BoundingBox bb = bounding_box(boss);
    require_point(bb.min, {a / 2 - 2, b / 2 - 2, h}, 1e-6);
    require_point(bb.max, {a / 2 + 2, b / 2 + 2, h + 5}, 1e-6);
    CHECK(volume(block + boss) == Approx(a * b * h + pi * 4 * 5).epsilon(1e-6));

    // The bottom face's normal points out of the solid (down).
    BoundingBox under = bounding_box(on(plane_of(block, faces::bottom()), box(1, 1, 3)));
    CHECK(under.min.z == Approx(-3).margin(1e-7));

    // A side wall facing +X: local x is +Y, local y is up.
    Plane side = plane_of(block, faces::near({a, b / 2, h / 2}));
    BoundingBox w = bounding_box(on(side, box(2, 4, 1)));
    require_point(w.min, {a, b / 2, h / 2}, 1e-6);
    require_point(w.max, {a + 1, b / 2 + 2, h / 2 + 4}, 1e-6);

    // Offsets and shifts compose with the face's frame, lazily.
    BoundingBox o = bounding_box(on(top.offset(2).shifted(1, 0), box(1, 1, 1)));
    require_point(o.min, {a / 2 + 1, b / 2, h + 2}, 1e-6);

    // The selection is part of the key; the same selection, the same key.
    CHECK(on(top, box(1, 1, 1)).key() == on(plane_of(block, faces::top()), box(1, 1, 1)).key());
    CHECK(on(top, box(1, 1, 1)).key() != on(plane_of(block, faces::bottom()), box(1, 1, 1)).key());

    // Exactly one planar face, or an Error naming plane_of's face.
    require_error([&] { volume(on(plane_of(block, faces::all()), box(1, 1, 1))); }, "plane_of",
                  "face");
    Shape can = cylinder(5, 10);
    require_error([&] { volume(on(plane_of(can, faces::near({5, 0, 5})), box(1, 1, 1))); },
                  "plane_of", "face");
}

TEST_CASE("workplanes: holes drilled from a plane", "[workplanes]") {
    const double a = 40, b = 30, h = 10;
    Shape block = box(a, b, h);
    // Four through holes on a grid of the top face (CadQuery's
    // faces(">Z").workplane().rarray(20, 10, 2, 2).hole(4)).
    Shape drilled =
        hole(block, HoleSpec::through(4), plane_of(block, faces::top()), grid(2, 2, 20, 10));
    CHECK(volume(drilled) == Approx(a * b * h - 4 * pi * 4 * h).epsilon(1e-6));
    // Where they are: a line down through (a/2 + 10, b/2 + 5) misses the part.
    CHECK(intersections(drilled, {a / 2 + 10, b / 2 + 5, 0}, {0, 0, 1}).empty());
    CHECK(intersections(drilled, {a / 2, b / 2, 0}, {0, 0, 1}).size() == 2);

    // Counterbored, on a concrete plane: the front wall (normal -Y).
    Plane front({a / 2, 0, h / 2}, {0, -1, 0});
    Shape cb = hole(block, HoleSpec::blind(3, 8).counterbore(6, 2), front, {{0, 0}});
    CHECK(volume(cb) == Approx(a * b * h - pi * 9 * 2 - pi * 2.25 * 6).epsilon(1e-6));
    require_error([&] { hole(block, HoleSpec::through(4), front, {}); }, "hole", "at");
    require_error([&] { hole(block, HoleSpec::through(-4), front, {{0, 0}}); }, "hole", "diameter");
}

TEST_CASE("workplanes: mirror through any plane", "[workplanes]") {
    BoundingBox m = bounding_box(box(2, 2, 2).mirror(Plane({5, 0, 0}, {1, 0, 0})));
    require_point(m.min, {8, 0, 0}, 1e-6);
    require_point(m.max, {10, 2, 2}, 1e-6);
    // The coordinate planes keep their node; XZ is XZ whichever way it faces.
    Shape s = box(1, 2, 3);
    CHECK(s.mirror(Plane::XZ).operation() == "mirror");
    CHECK(s.mirror(Plane::XZ).key() == s.mirror(Plane({0, 0, 0}, {0, 1, 0})).key());
    CHECK(bounding_box(s.mirror(Plane::XZ)).min.y == Approx(-2));
    CHECK(volume(mirror_copy(box(2, 2, 2).right(1), Plane::YZ.offset(10))) == Approx(16));
}

TEST_CASE("workplanes: extrude, revolve and patterns relative to a face's plane", "[workplanes]") {
    const double a = 40, b = 30, h = 10;
    Shape block = box(a, b, h);
    Plane side = plane_of(block, faces::near({a / 2, 0, h / 2})); // the front wall, facing -Y
    // A pad extruded out of the wall: built in XY, extruded along +Z, placed.
    Shape pad = on(side, rectangle(6, 4, true).extrude(3));
    BoundingBox p = bounding_box(pad);
    require_point(p.min, {a / 2 - 3, -3, h / 2 - 2}, 1e-6);
    require_point(p.max, {a / 2 + 3, 0, h / 2 + 2}, 1e-6);
    CHECK(volume(block + pad) == Approx(a * b * h + 6 * 4 * 3).epsilon(1e-9));
    // A pocket cut into it, the same way down: a blind cut.
    Shape pocket = block - on(side, rectangle(6, 4, true).extrude(3).down(3));
    CHECK(volume(pocket) == Approx(a * b * h - 6 * 4 * 3).epsilon(1e-9));
    // Half a ring revolved about the wall's own (vertical) y axis: revolving
    // by +180° about Y sweeps towards -z, turned to +z: out of the wall.
    Shape half = on(side, rectangle(2, 1).right(3).revolve(deg(180), Axis::Y).rotate_y(deg(180)));
    CHECK(volume(half) == Approx(pi * (25 - 9) * 1 / 2).epsilon(1e-6));
    BoundingBox r = bounding_box(half);
    require_point(r.min, {a / 2 - 5, -5, h / 2}, 1e-6);
    require_point(r.max, {a / 2 + 5, 0, h / 2 + 1}, 1e-6);
    // Pegs on a bolt circle of the top face, all in one boolean.
    Shape pegs = on(plane_of(block, faces::top()), copies(cylinder(1, 2), polar(8, 5)));
    CHECK(volume(block + pegs) == Approx(a * b * h + 5 * pi * 2).epsilon(1e-6));
    require_point(center_of_mass(pegs), {a / 2, b / 2, h + 1}, 1e-6);
}
