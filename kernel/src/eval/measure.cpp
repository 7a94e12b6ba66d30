// Measurements: evaluated here, measured by the geometry library (BRepGProp,
// BRepBndLib and BRepCheck live in toolkits the core does not load). Without
// options, a measurement inside a script run evaluates with the run's options
// and adds its figures to the run's statistics (model/run_context.hpp).

#include "lazycad/measure.hpp"

#include <cmath>

#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_IndexedMapOfShape.hxx>

#include "cache/memory_cache.hpp"
#include "eval/geometry_library.hpp"
#include "eval/occt_setup.hpp"
#include "eval/validity.hpp"
#include "lazycad/occt.hpp"
#include "model/run_context.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using detail::geometry;
using detail::guarded_occt;

namespace {

/// The evaluated shape: with `o`, or the run's options (counted), or the defaults.
TopoDS_Shape evaluated(const Shape& s, const EvalOptions* o) {
    if (o) return occt_shape(s, *o);
    const EvalOptions* run = detail::current_eval_options();
    if (!run) return occt_shape(s, EvalOptions{});
    Evaluation e = evaluate({s}, *run);
    detail::add_measured_stats(e);
    return *e.results.at(0).occt();
}

int count_distinct(const TopoDS_Shape& shape, TopAbs_ShapeEnum kind, const char* op) {
    return guarded_occt(op, [&] {
        TopTools_IndexedMapOfShape map;
        TopExp::MapShapes(shape, kind, map);
        return map.Extent();
    });
}

double volume_of(const Shape& s, const EvalOptions* o) {
    TopoDS_Shape shape = evaluated(s, o);
    return guarded_occt("volume", [&] { return geometry().volume(shape); });
}

double area_of(const Shape& s, const EvalOptions* o) {
    TopoDS_Shape shape = evaluated(s, o);
    return guarded_occt("area", [&] { return geometry().area(shape); });
}

BoundingBox box_of(const Shape& s, const EvalOptions* o) {
    TopoDS_Shape shape = evaluated(s, o);
    return guarded_occt("bounding_box", [&] { return geometry().bounding_box(shape); });
}

bool valid(const Shape& s, const EvalOptions* o) {
    // The verdict is the answer here, not an Error: evaluate without the policy.
    if (detail::known_valid(s.key())) return true;
    const EvalOptions* run = o ? nullptr : detail::current_eval_options();
    Stats st = detail::evaluate_unchecked({s}, o ? *o : run ? *run : EvalOptions{});
    if (run) detail::add_measured_stats(st);
    auto shape = detail::MemoryCache::instance().get(s.key());
    if (!shape) throw Error(s.operation(), "", s.operation() + ": evaluation produced no result");
    return guarded_occt("is_valid", [&] { return geometry().invalidity(*shape).empty(); });
}

Point center_of(const Shape& s, const EvalOptions* o) {
    TopoDS_Shape shape = evaluated(s, o);
    return guarded_occt("center_of_mass", [&] { return geometry().center_of_mass(shape); });
}

std::vector<Point> hits_of(const Shape& s, Point origin, Vec d, const EvalOptions* o) {
    detail::require_position("intersections", "origin", origin.x, origin.y, origin.z);
    double len = std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
    detail::require(std::isfinite(len) && len > 1e-12, "intersections", "direction",
                    "must be a finite, non-zero vector");
    TopoDS_Shape shape = evaluated(s, o);
    return guarded_occt("intersections",
                        [&] { return geometry().intersections(shape, origin, d); });
}

} // namespace

double volume(const Shape& s) { return volume_of(s, nullptr); }
double volume(const Shape& s, const EvalOptions& o) { return volume_of(s, &o); }
double area(const Shape& s) { return area_of(s, nullptr); }
double area(const Shape& s, const EvalOptions& o) { return area_of(s, &o); }
BoundingBox bounding_box(const Shape& s) { return box_of(s, nullptr); }
BoundingBox bounding_box(const Shape& s, const EvalOptions& o) { return box_of(s, &o); }
bool is_valid(const Shape& s) { return valid(s, nullptr); }
bool is_valid(const Shape& s, const EvalOptions& o) { return valid(s, &o); }

int solid_count(const Shape& s) {
    return count_distinct(evaluated(s, nullptr), TopAbs_SOLID, "solid_count");
}
int solid_count(const Shape& s, const EvalOptions& o) {
    return count_distinct(evaluated(s, &o), TopAbs_SOLID, "solid_count");
}
int face_count(const Shape& s) {
    return count_distinct(evaluated(s, nullptr), TopAbs_FACE, "face_count");
}
int face_count(const Shape& s, const EvalOptions& o) {
    return count_distinct(evaluated(s, &o), TopAbs_FACE, "face_count");
}
int edge_count(const Shape& s) {
    return count_distinct(evaluated(s, nullptr), TopAbs_EDGE, "edge_count");
}
int edge_count(const Shape& s, const EvalOptions& o) {
    return count_distinct(evaluated(s, &o), TopAbs_EDGE, "edge_count");
}

Point center_of_mass(const Shape& s) { return center_of(s, nullptr); }
Point center_of_mass(const Shape& s, const EvalOptions& o) { return center_of(s, &o); }

std::vector<Point> intersections(const Shape& s, Point origin, Vec direction) {
    return hits_of(s, origin, direction, nullptr);
}
std::vector<Point> intersections(const Shape& s, Point origin, Vec direction,
                                 const EvalOptions& o) {
    return hits_of(s, origin, direction, &o);
}

} // namespace lazycad
