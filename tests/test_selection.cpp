// Edge and face selections: what each predicate picks on known solids (counted,
// and located by midpoint or centre), combinators, keys, and empty selections.

#include <catch2/catch.hpp>

#include <BRepAdaptor_Curve.hxx>
#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>

#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"
#include "geometry/selection_eval.hpp"
#include "support.hpp"

using namespace lazycad;
using Catch::Matchers::Contains;

namespace {

TopoDS_Shape eval(const Shape& s) {
    return occt_shape(s, test::without_cache());
}

std::size_t count(const Shape& s, const EdgeSelector& sel) {
    return detail::select_edges(eval(s), sel.expr(), "test", "edges").size();
}

std::size_t count(const Shape& s, const FaceSelector& sel) {
    return detail::select_faces(eval(s), sel.expr(), "test", "faces").size();
}

gp_Pnt midpoint(const TopoDS_Edge& e) {
    BRepAdaptor_Curve c(e);
    return c.Value((c.FirstParameter() + c.LastParameter()) / 2);
}

gp_Pnt centre(const TopoDS_Face& f) {
    GProp_GProps props;
    BRepGProp::SurfaceProperties(f, props);
    return props.CentreOfMass();
}

} // namespace

TEST_CASE("selection: edge predicates on a box", "[selection]") {
    Shape b = box(10, 20, 30);
    CHECK(count(b, edges::all()) == 12);
    CHECK(count(b, edges::lines()) == 12);
    CHECK(count(b, edges::parallel_to(Axis::Z)) == 4);
    CHECK(count(b, edges::parallel_to(Axis::X)) == 4);
    CHECK(count(b, edges::of_face(faces::top())) == 4);
    CHECK(count(b, edges::of_face(faces::top() | faces::bottom())) == 8);
    CHECK(count(b, !edges::parallel_to(Axis::Z)) == 8);
    CHECK(count(b, edges::parallel_to(Axis::X) | edges::parallel_to(Axis::Y)) == 8);
    CHECK(count(b, edges::of_face(faces::top()) & edges::parallel_to(Axis::X)) == 2);
    CHECK(count(b, edges::parallel_to(Axis::Z) & edges::of_face(faces::normal_to(Axis::X))) == 4);
}

TEST_CASE("selection: near picks the nearest edge, checked by its midpoint", "[selection]") {
    TopoDS_Shape b = eval(box(10, 20, 30));
    SECTION("top edge along Y at x = 10") {
        auto picked = detail::select_edges(b, edges::near({11, 9, 31}).expr(), "test", "edges");
        REQUIRE(picked.size() == 1);
        CHECK(midpoint(picked[0]).Distance(gp_Pnt(10, 10, 30)) < 1e-9);
    }
    SECTION("vertical edge at the origin") {
        auto picked = detail::select_edges(b, edges::near({-1, -1, 12}).expr(), "test", "edges");
        REQUIRE(picked.size() == 1);
        CHECK(midpoint(picked[0]).Distance(gp_Pnt(0, 0, 15)) < 1e-9);
    }
    SECTION("near combined with a type filter") {
        auto picked = detail::select_edges(
            b, (edges::near({5, 0.1, 30}) & edges::parallel_to(Axis::X)).expr(), "test", "edges");
        REQUIRE(picked.size() == 1);
        CHECK(midpoint(picked[0]).Distance(gp_Pnt(5, 0, 30)) < 1e-9);
    }
}

TEST_CASE("selection: near() never picks a seam; near | near fillets both circles",
          "[selection][validity]") {
    // Issue 11, bug 3: a point at angle 0 of a circle is as near the seam of
    // the cylinder's face as to the circle; the seam used to win, and the
    // fillet silently skipped that circle.
    Shape p = circle(65).extrude(8) + circle(42).extrude(17).up(8);
    TopoDS_Shape s = eval(p);
    for (Point q : {Point{65, 0, 8}, Point{42, 0, 8}, Point{42, 0, 25}}) {
        auto picked = detail::select_edges(s, edges::near(q).expr(), "test", "edges");
        REQUIRE(picked.size() == 1);
        CHECK(BRepAdaptor_Curve(picked[0]).GetType() == GeomAbs_Circle);
        CHECK(midpoint(picked[0]).Z() == Approx(q.z));
    }
    Shape both = p.fillet(3, edges::near({65, 0, 8}) | edges::near({42, 0, 8}));
    // A convex fillet removes 780.672, the concave one adds 517.821 (Pappus).
    CHECK(volume(both, test::without_cache()) ==
          Approx(pi * (65 * 65 * 8 + 42 * 42 * 17) - 780.672 + 517.821).epsilon(1e-6));
}

TEST_CASE("selection: curve types on a cylinder", "[selection]") {
    Shape c = cylinder(5, 10);
    CHECK(count(c, edges::circles()) == 2);
    // The seam bounds no corner: no predicate picks it (issue 11, bug 3).
    CHECK_THROWS_WITH(count(c, edges::lines()), Contains("edges::lines() matched nothing"));
    CHECK(count(c, edges::all()) == 2);
    CHECK(count(c, edges::of_face(faces::top())) == 1);
    CHECK(count(c, faces::planes()) == 2);
    CHECK(count(c, faces::normal_to(Axis::Z)) == 2);
    CHECK(count(c, faces::all()) == 3);
    // Spheres have degenerated pole edges and a seam: nothing to select.
    CHECK_THROWS_WITH(count(sphere(3), edges::all()), Contains("matched nothing"));
}

TEST_CASE("selection: face predicates", "[selection]") {
    Shape b = box(10, 20, 30);
    CHECK(count(b, faces::all()) == 6);
    CHECK(count(b, faces::planes()) == 6);
    CHECK(count(b, faces::top()) == 1);
    CHECK(count(b, faces::bottom()) == 1);
    CHECK(count(b, faces::normal_to(Axis::Z)) == 2);
    CHECK(count(b, faces::normal_to(Axis::Y)) == 2);
    CHECK(count(b, !faces::normal_to(Axis::Z)) == 4);

    TopoDS_Shape ob = eval(b);
    auto top = detail::select_faces(ob, faces::top().expr(), "test", "faces");
    REQUIRE(top.size() == 1);
    CHECK(centre(top[0]).Distance(gp_Pnt(5, 10, 30)) < 1e-9);
    auto bottom = detail::select_faces(ob, faces::bottom().expr(), "test", "faces");
    REQUIRE(bottom.size() == 1);
    CHECK(centre(bottom[0]).Distance(gp_Pnt(5, 10, 0)) < 1e-9);
    auto side = detail::select_faces(ob, faces::near({12, 10, 15}).expr(), "test", "faces");
    REQUIRE(side.size() == 1);
    CHECK(centre(side[0]).Distance(gp_Pnt(10, 10, 15)) < 1e-9);

    SECTION("top is the highest face only, ties are all kept") {
        // A step: the small block's top is higher than the big one's.
        Shape step = box(10, 10, 10) + box(5, 5, 5).up(10);
        auto t = detail::select_faces(eval(step), faces::top().expr(), "test", "faces");
        REQUIRE(t.size() == 1);
        CHECK(centre(t[0]).Distance(gp_Pnt(2.5, 2.5, 15)) < 1e-9);
        Shape pair = box(10, 10, 10) + box(10, 10, 10).right(20);
        CHECK(count(pair, faces::top()) == 2);
        CHECK(count(pair, edges::of_face(faces::top())) == 8);
    }
}

TEST_CASE("selection: the selection is part of the feature's key", "[selection]") {
    Shape b = box(10, 10, 10);
    CHECK(b.fillet(1, edges::near({0, 0, 5})).key() != b.fillet(1, edges::near({0, 0, 6})).key());
    CHECK(b.fillet(1, edges::near({0, 0, 5})).key() == b.fillet(1, edges::near({0, 0, 5})).key());
    CHECK(b.fillet(1, edges::parallel_to(Axis::X)).key() !=
          b.fillet(1, edges::parallel_to(Axis::Y)).key());
    CHECK(b.fillet(1, edges::all()).key() != b.fillet(1, edges::lines()).key());
    CHECK(b.fillet(1, edges::lines() & edges::circles()).key() !=
          b.fillet(1, edges::lines() | edges::circles()).key());
    CHECK(b.fillet(1, edges::of_face(faces::top())).key() !=
          b.fillet(1, edges::of_face(faces::bottom())).key());
    CHECK(b.shell(1, faces::top()).key() != b.shell(1, faces::bottom()).key());
    // A fillet and a chamfer with the same numbers are different operations.
    CHECK(b.fillet(1, edges::all()).key() != b.chamfer(1, edges::all()).key());
}

TEST_CASE("selection: a selection that matches nothing says which, on which operation",
          "[selection][errors]") {
    SECTION("resolver") {
        try {
            count(box(1, 2, 3), edges::circles());
            FAIL("expected an Error");
        } catch (const Error& e) {
            CHECK(e.operation() == "test");
            CHECK(e.parameter() == "edges");
            CHECK_THAT(e.what(), Contains("edges::circles()") && Contains("matched nothing"));
        }
    }
    SECTION("fillet evaluates to an error naming the selection") {
        Shape f =
            box(10, 10, 10).fillet(1, edges::parallel_to(Axis::Z) & edges::of_face(faces::top()));
        try {
            evaluate({f}, test::without_cache());
            FAIL("expected an Error");
        } catch (const Error& e) {
            CHECK(e.operation() == "fillet");
            CHECK(e.parameter() == "edges");
            CHECK_THAT(e.what(), Contains("fillet") && Contains("matched nothing") &&
                                     Contains("(edges::parallel_to(Z) & "
                                              "edges::of_face(faces::top()))"));
        }
    }
    SECTION("shell with an empty face selection") {
        Shape s = box(10, 10, 10).shell(1, faces::normal_to(Axis::Z) & faces::normal_to(Axis::X));
        try {
            evaluate({s}, test::without_cache());
            FAIL("expected an Error");
        } catch (const Error& e) {
            CHECK(e.operation() == "shell");
            CHECK(e.parameter() == "open");
            CHECK_THAT(e.what(), Contains("matched nothing"));
        }
    }
}

namespace {

/// Area of the corner region a fillet of radius r removes (square minus
/// quarter disc), and how far its centroid lies from the corner along each leg.
double fillet_area(double r) { return (1 - pi / 4) * r * r; }
double fillet_centroid(double r) { return r * (10 - 3 * pi) / (3 * (4 - pi)); }

double vol(const Shape& s) { return volume(s, test::without_cache()); }

} // namespace

TEST_CASE("selection: sort_by and group_by pick by position along an axis", "[selection]") {
    // Two stacked discs: circles of radius 10 at z = 0 and 5, of radius 6 at z = 5 and 10.
    Shape stack = cylinder(10, 5) + cylinder(6, 5).up(5);
    CHECK(count(stack, edges::circles()) == 4);
    CHECK(count(stack, edges::circles().group_by(Axis::Z).last()) == 1);
    CHECK(count(stack, edges::circles().group_by(Axis::Z).nth(1)) == 2);
    CHECK(count(stack, edges::circles().sort_by(Axis::Z).first()) == 1);
    auto top = detail::select_edges(eval(stack), edges::circles().sort_by(Axis::Z).last().expr(),
                                    "test", "edges");
    REQUIRE(top.size() == 1);
    CHECK(midpoint(top[0]).Z() == Approx(10));
    CHECK(std::hypot(midpoint(top[0]).X(), midpoint(top[0]).Y()) == Approx(6));

    SECTION("fillet of the top ring, checked by Pappus") {
        const double r = 1;
        Shape f = stack.fillet(r, edges::all().group_by(Axis::Z).last());
        CHECK(vol(f) == Approx(pi * (100 * 5 + 36 * 5) -
                               2 * pi * (6 - fillet_centroid(r)) * fillet_area(r))
                            .epsilon(1e-6));
    }
    SECTION("the top ring of a box: four edges, mitred at the corners") {
        // Two perpendicular fillets of one radius meet in the diagonal plane;
        // at each corner both remove the same r^3 (5/3 - pi/2).
        const double r = 2;
        Shape b = box(20, 20, 10);
        CHECK(count(b, edges::all().group_by(Axis::Z).last()) == 4);
        CHECK(vol(b.fillet(r, edges::all().group_by(Axis::Z).last())) ==
              Approx(4000 - fillet_area(r) * 80 + 4 * r * r * r * (5.0 / 3 - pi / 2)).epsilon(1e-6));
    }
    SECTION("an index past the end selects nothing") {
        CHECK_THROWS_WITH(count(stack, edges::circles().group_by(Axis::Z).nth(3)),
                          Contains("group_by(Z).nth(3)") && Contains("matched nothing"));
        CHECK(count(stack, edges::circles().group_by(Axis::Z).nth(-3)) == 1);
    }
}

TEST_CASE("selection: by radius, length, area and position", "[selection]") {
    Shape stack = cylinder(10, 5) + cylinder(6, 5).up(5);
    CHECK(count(stack, edges::with_radius(10)) == 2);
    CHECK(count(stack, edges::radius_between(5, 7)) == 2);
    CHECK(count(stack, edges::circles().group_by(Size::radius).first()) == 2);
    CHECK(count(stack, edges::between(Axis::Z, 4, 6)) == 2);
    CHECK(count(stack, edges::between(Axis::Z, 4, 6) & edges::with_radius(6)) == 1);
    CHECK(count(stack, faces::of_type(SurfaceType::cylinder)) == 2);
    CHECK(count(stack, faces::radius_between(6, 6)) == 1);
    CHECK(count(stack, edges::of_type(CurveType::circle)) == 4);

    Shape b = box(10, 20, 30);
    CHECK(count(b, edges::length_between(20, 20)) == 4);
    CHECK(count(b, edges::all().sort_by(Size::length).last()) == 1);
    CHECK(count(b, edges::all().group_by(Size::length).last()) == 4);
    CHECK(count(b, faces::area_between(200, 200)) == 2);
    CHECK(count(b, faces::between(Axis::X, 5, 5)) == 4);
    auto biggest = detail::select_faces(eval(b), faces::all().sort_by(Size::area).last().expr(),
                                        "test", "faces");
    REQUIRE(biggest.size() == 1);
    CHECK(std::abs(centre(biggest[0]).X() - 5) > 4.9); // the 20 x 30 face lies at x = 0 or 10

    SECTION("fillet of the longest edges: four quarter-cylinder grooves") {
        const double r = 1;
        CHECK(vol(b.fillet(r, edges::all().group_by(Size::length).last())) ==
              Approx(6000 - 4 * 30 * fillet_area(r)).epsilon(1e-9));
    }
    SECTION("bad arguments name the parameter") {
        CHECK_THROWS_WITH(edges::between(Axis::Z, 2, 1), Contains("'lo'"));
        CHECK_THROWS_WITH(edges::all().sort_by(Size::area), Contains("edges have no area"));
        CHECK_THROWS_WITH(faces::all().group_by(Size::length), Contains("faces have no length"));
    }
    SECTION("each one is part of the key") {
        CHECK(b.fillet(1, edges::all().sort_by(Axis::Z).first()).key() !=
              b.fillet(1, edges::all().sort_by(Axis::Z).last()).key());
        CHECK(b.fillet(1, edges::all().sort_by(Axis::Z).first()).key() !=
              b.fillet(1, edges::all().group_by(Axis::Z).first()).key());
        CHECK(b.fillet(1, edges::length_between(1, 2)).key() !=
              b.fillet(1, edges::radius_between(1, 2)).key());
    }
}

TEST_CASE("selection: created() picks the edges the last operation made", "[selection]") {
    SECTION("fillet the rims a hole cut made (build123d's new_edges)") {
        const double R = 5, r = 1;
        Shape plate = box(40, 40, 10) - cylinder(R, 20).translate(20, 20, -5);
        Shape f = plate.fillet(r, edges::created());
        // The plate's parents join the fillet's; the plate's own key is unchanged.
        CHECK(f.parents().size() == 3);
        CHECK(plate.fillet(r).parents().size() == 1);
        // Both rims are convex: each removes the corner region at radius R + centroid.
        CHECK(vol(f) == Approx(16000 - pi * R * R * 10 -
                               2 * 2 * pi * (R + fillet_centroid(r)) * fillet_area(r))
                            .epsilon(1e-6));
    }
    SECTION("a slot: the edges where its walls cut the box, not the box's trimmed edges") {
        Shape slot = box(20, 20, 10) - box(5, 30, 20).translate(7.5, -5, 5);
        auto picked = detail::select_edges(eval(slot), edges::created().expr(), "test", "edges",
                                           {eval(box(20, 20, 10)),
                                            eval(box(5, 30, 20).translate(7.5, -5, 5))});
        // Two along the slot's top rims, four up its ends and two across its
        // ends' floor; its floor's long edges lie on the cutter's edges, and
        // the box's top edges are only trimmed.
        CHECK(picked.size() == 8);
        int floor_edges = 0;
        for (const TopoDS_Edge& e : picked) {
            gp_Pnt m = midpoint(e);
            if (m.Z() < 5 + 1e-9) {
                ++floor_edges;
                CHECK((std::abs(m.Y()) < 1e-9 || std::abs(m.Y() - 20) < 1e-9));
            }
        }
        CHECK(floor_edges == 2);
    }
    SECTION("a primitive made nothing from other shapes") {
        CHECK_THROWS_WITH(box(1, 1, 1).fillet(0.1, edges::created()), Contains("created()"));
    }
}
