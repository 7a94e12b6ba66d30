// Measurements in scripts (issue 15, item 4): centre of mass, face / edge /
// solid counts and where a line meets a shape, OCCT-free; a script's
// measurements use the run's cache folder and count in its statistics.

#include <catch2/catch.hpp>

#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>

#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "runner.hpp"
#include "support.hpp"

using namespace lazycad;
using namespace lazycad::test;
using Catch::Detail::Approx;

namespace {

void require_point(Point p, Point expected, double margin = 1e-7) {
    CHECK(p.x == Approx(expected.x).margin(margin));
    CHECK(p.y == Approx(expected.y).margin(margin));
    CHECK(p.z == Approx(expected.z).margin(margin));
}

} // namespace

TEST_CASE("measure: centre of mass of solids, faces and edges", "[measure]") {
    require_point(center_of_mass(box(2, 4, 6).translate(1, 1, 1)), {2, 3, 4});
    // A cone's centroid is a quarter of its height up.
    require_point(center_of_mass(cone(5, 0, 8)), {0, 0, 2}, 1e-6);
    // An L of two boxes: the volume-weighted mean of their centres.
    Shape l = box(10, 2, 2) + box(2, 8, 2).forw(2);
    double v1 = 40, v2 = 32;
    require_point(center_of_mass(l), {(5 * v1 + 1 * v2) / 72, (1 * v1 + 6 * v2) / 72, 1}, 1e-6);
    require_point(center_of_mass(rectangle(4, 2).right(3)), {5, 1, 0});
    require_point(center_of_mass(segment({0, 0, 0}, {4, 6, 8})), {2, 3, 4});
    require_error([] { center_of_mass(Shape()); }, "empty", "");
}

TEST_CASE("measure: face, edge and solid counts", "[measure]") {
    CHECK(face_count(box(1, 2, 3)) == 6);
    CHECK(edge_count(box(1, 2, 3)) == 12);
    CHECK(face_count(cylinder(1, 2)) == 3);
    CHECK(edge_count(cylinder(1, 2)) == 3); // two circles and the seam
    CHECK(face_count(box(4, 4, 4) - cylinder(1, 4).right(2).forw(2)) == 7);
    CHECK(solid_count(box(1, 1, 1) + box(1, 1, 1).right(3)) == 2);
    CHECK(face_count(rectangle(2, 2)) == 1);
    CHECK(edge_count(rectangle(2, 2)) == 4);
}

TEST_CASE("measure: where a line meets a shape", "[measure]") {
    std::vector<Point> s = intersections(sphere(10), {0, 0, 0}, {1, 0, 0});
    REQUIRE(s.size() == 2);
    require_point(s[0], {-10, 0, 0}, 1e-6);
    require_point(s[1], {10, 0, 0}, 1e-6);
    // Ordered along the direction, not by distance from the origin.
    std::vector<Point> back = intersections(sphere(10), {50, 0, 0}, {-2, 0, 0});
    REQUIRE(back.size() == 2);
    CHECK(back[0].x == Approx(10));
    // Through a plate with a hole: four walls crossed.
    Shape plate = box(20, 10, 2) - cylinder(3, 2).right(10).forw(5);
    std::vector<Point> p = intersections(plate, {0, 5, 1}, {1, 0, 0});
    REQUIRE(p.size() == 4);
    CHECK(p[1].x == Approx(7));
    CHECK(p[2].x == Approx(13));
    // Along an edge of the box: each hit once.
    CHECK(intersections(box(2, 2, 2), {0, 0, -5}, {0, 0, 1}).size() == 2);
    CHECK(intersections(plate, {0, 0, 10}, {1, 0, 0}).empty());
    require_error([&] { intersections(plate, {0, 0, 0}, {0, 0, 0}); }, "intersections",
                  "direction");
}

TEST_CASE("measure: a script's measurements use the run's cache and count in its stats",
          "[measure][runner]") {
    TempDir dir("measure-run");
    write_text(dir / "m.cpp", R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    Shape part = box(17.25, 9.5, 4.75) - cylinder(2.125, 4.75).right(8);
    // Sized by a measurement: the plate under it is as long as the part's volume says.
    double v = volume(part);
    display(part + box(v / 100, 3, 1).down(1));
}
)");
    clear_memory_cache();
    script::RunRequest req;
    req.model = dir / "m.cpp";
    req.eval = with_cache(dir / "cache");
    script::RunResult cold = script::run(req);
    INFO(cold.error);
    REQUIRE(cold.ok());
    // The measured cut was computed (not merely found in memory afterwards)
    // and stored in the run's folder.
    const Shape& root = cold.displayed.at(0).shape;
    const Shape& part = root.parents().at(0);
    CHECK(part.operation() == "difference");
    CHECK(cold.stats.computed >= 5); // box, cylinder, translate, cut, then plate and union
    CHECK(cold.stats.memory_hits >= 1);
    clear_memory_cache();
    CHECK(cache_state(part, req.eval.cache) == CacheState::disk);

    // Warm, in a new process's state: the measurement loads the cut from the
    // run's folder, counted as a disk hit, and nothing is computed.
    script::RunResult warm = script::run(req);
    REQUIRE(warm.ok());
    CHECK(warm.stats.computed == 0);
    CHECK(warm.stats.disk_hits >= 2); // the measured cut and the displayed root
}

TEST_CASE("measure: volumes and areas of swept and revolved curved faces match closed forms",
          "[measure][geometry]") {
    // OCCT 7.6's default adaptive integration is wrong on surfaces of
    // extrusion and revolution while reporting a tiny error: the closed
    // spline below measured 5.5 % off in volume and 1.5 % in area, the half
    // ellipse 1.45e-5 in volume (geometry/integration.hpp).
    EvalOptions o = without_cache();
    // A closed spline's face extruded: its volume is area × h, its area
    // perimeter × h plus both ends, both summed from 400 000 points of the curve.
    Shape outline = spline({{0, 0, 0}, {10, 3, 0}, {20, -2, 0}, {25, 8, 0}, {12, 15, 0}}, {}, {}, true);
    const TopoDS_Shape curve = occt_shape(outline, o);
    TopExp_Explorer edge(curve, TopAbs_EDGE);
    REQUIRE(edge.More());
    BRepAdaptor_Curve c(TopoDS::Edge(edge.Current()));
    const int n = 400000;
    double face_area = 0, perimeter = 0, moment_x = 0; // moment_x: ∫x dA, signed like face_area
    gp_Pnt previous = c.Value(c.FirstParameter());
    for (int i = 1; i <= n; ++i) {
        const gp_Pnt q = c.Value(c.FirstParameter() + (c.LastParameter() - c.FirstParameter()) * i / n);
        face_area += (previous.X() * q.Y() - q.X() * previous.Y()) / 2;
        perimeter += previous.Distance(q);
        moment_x += (previous.X() + q.X()) * (previous.X() * q.Y() - q.X() * previous.Y()) / 6;
        previous = q;
    }
    const double centre_x = moment_x / face_area;
    face_area = std::abs(face_area);
    Shape prism = face(outline).extrude(7);
    CHECK(area(face(outline), o) == Approx(face_area).epsilon(1e-8));
    CHECK(volume(prism, o) == Approx(face_area * 7).epsilon(1e-8));
    CHECK(area(prism, o) == Approx(perimeter * 7 + 2 * face_area).epsilon(1e-8));
    CHECK(center_of_mass(face(outline), o).x == Approx(centre_x).epsilon(1e-8));
    // The prism's centre: the face's, half-way up (its side is a surface of
    // extrusion, integrated by Gauss-Kronrod).
    const Point prism_centre = center_of_mass(prism, o);
    CHECK(prism_centre.x == Approx(centre_x).epsilon(1e-8));
    CHECK(prism_centre.z == Approx(3.5).epsilon(1e-8));
    // Half an ellipse (rx 10, rz 6) revolved: an ellipsoid of revolution.
    Shape half = split(ellipse(10, 6).rotate_x(deg(90)), {0, 0, 0}, {1, 0, 0}, Keep::above);
    Shape ellipsoid = half.revolve();
    CHECK(volume(ellipsoid, o) == Approx(4.0 / 3 * pi * 100 * 6).epsilon(1e-9));
    // Its area in closed form (oblate spheroid, a = 10 > c = 6).
    const double e = std::sqrt(1 - 36.0 / 100);
    CHECK(area(ellipsoid, o) == Approx(2 * pi * 100 * (1 + (1 - e * e) / e * std::atanh(e))).epsilon(1e-9));
    CHECK(center_of_mass(ellipsoid.up(5), o).z == Approx(5).margin(1e-9));
}
