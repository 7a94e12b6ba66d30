// Measurements: evaluated here, measured by the geometry library (BRepGProp,
// BRepBndLib and BRepCheck live in toolkits the core does not load).

#include "lazycad/measure.hpp"

#include <TopExp_Explorer.hxx>

#include "cache/memory_cache.hpp"
#include "eval/geometry_library.hpp"
#include "eval/validity.hpp"
#include "lazycad/occt.hpp"

namespace lazycad {

using detail::geometry;

double volume(const Shape& s, const EvalOptions& o) { return geometry().volume(occt_shape(s, o)); }

double area(const Shape& s, const EvalOptions& o) { return geometry().area(occt_shape(s, o)); }

BoundingBox bounding_box(const Shape& s, const EvalOptions& o) {
    return geometry().bounding_box(occt_shape(s, o));
}

bool is_valid(const Shape& s, const EvalOptions& o) {
    // The verdict is the answer here, not an Error: evaluate without the policy.
    if (detail::known_valid(s.key())) return true;
    detail::evaluate_unchecked({s}, o);
    auto shape = detail::MemoryCache::instance().get(s.key());
    if (!shape) throw Error(s.operation(), "", s.operation() + ": evaluation produced no result");
    return geometry().invalidity(*shape).empty();
}

int solid_count(const Shape& s, const EvalOptions& o) {
    int n = 0;
    for (TopExp_Explorer e(occt_shape(s, o), TopAbs_SOLID); e.More(); e.Next()) ++n;
    return n;
}

} // namespace lazycad
