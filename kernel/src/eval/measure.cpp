// Measurements: evaluated here, measured by the geometry library (BRepGProp,
// BRepBndLib and BRepCheck live in toolkits the core does not load).

#include "lazycad/measure.hpp"

#include <TopExp_Explorer.hxx>

#include "cache/memory_cache.hpp"
#include "eval/geometry_library.hpp"
#include "eval/occt_setup.hpp"
#include "eval/validity.hpp"
#include "lazycad/occt.hpp"

namespace lazycad {

using detail::geometry;
using detail::guarded_occt;

double volume(const Shape& s, const EvalOptions& o) {
    TopoDS_Shape shape = occt_shape(s, o);
    return guarded_occt("volume", [&] { return geometry().volume(shape); });
}

double area(const Shape& s, const EvalOptions& o) {
    TopoDS_Shape shape = occt_shape(s, o);
    return guarded_occt("area", [&] { return geometry().area(shape); });
}

BoundingBox bounding_box(const Shape& s, const EvalOptions& o) {
    TopoDS_Shape shape = occt_shape(s, o);
    return guarded_occt("bounding_box", [&] { return geometry().bounding_box(shape); });
}

bool is_valid(const Shape& s, const EvalOptions& o) {
    // The verdict is the answer here, not an Error: evaluate without the policy.
    if (detail::known_valid(s.key())) return true;
    detail::evaluate_unchecked({s}, o);
    auto shape = detail::MemoryCache::instance().get(s.key());
    if (!shape) throw Error(s.operation(), "", s.operation() + ": evaluation produced no result");
    return guarded_occt("is_valid", [&] { return geometry().invalidity(*shape).empty(); });
}

int solid_count(const Shape& s, const EvalOptions& o) {
    int n = 0;
    TopoDS_Shape shape = occt_shape(s, o);
    return guarded_occt("solid_count", [&] {
        for (TopExp_Explorer e(shape, TopAbs_SOLID); e.More(); e.Next()) ++n;
        return n;
    });
}

} // namespace lazycad
