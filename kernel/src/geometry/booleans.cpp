// Booleans: union (fuse), difference (cut), intersection (common), n-ary union.
// Expensive: their results go to the directory cache.

#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <TopTools_ListOfShape.hxx>

#include "geometry/boolean_checks.hpp"
#include "geometry/compute.hpp"
#include "geometry/results.hpp"

namespace lazycad::detail {

namespace {

/// The result, once OCCT reported no error, and, if it warned (touching or
/// self-interfering arguments, small edges), once BRepCheck accepts it.
TopoDS_Shape checked(BRepAlgoAPI_BooleanOperation& b, const std::string& op) {
    check_done(b, op);
    if (b.HasWarnings() && !is_valid_shape(b.Shape()))
        throw Error(op, "", op + ": the result is not a valid shape (OCCT warned: " +
                                warnings_of(b) + ")");
    return b.Shape();
}

template <class Algo, BooleanKind kind> TopoDS_Shape binary(const OpContext& c) {
    Algo b(c.inputs[0], c.inputs[1], c.progress);
    TopoDS_Shape result = checked(b, c.op());
    check_boolean_result(kind, c.inputs, result, c);
    return result;
}

const Compute union_compute{"union", binary<BRepAlgoAPI_Fuse, BooleanKind::fuse>};
const Compute difference_compute{"difference", binary<BRepAlgoAPI_Cut, BooleanKind::cut>};
const Compute intersection_compute{"intersection", binary<BRepAlgoAPI_Common, BooleanKind::common>};

const Compute union_all_compute{"union_all", [](const OpContext& c) {
    TopTools_ListOfShape first, rest;
    first.Append(c.inputs[0]);
    for (std::size_t i = 1; i < c.inputs.size(); ++i) rest.Append(c.inputs[i]);
    if (rest.IsEmpty()) return c.inputs[0];
    BRepAlgoAPI_Fuse b;
    b.SetArguments(first);
    b.SetTools(rest);
    b.Build(c.progress);
    TopoDS_Shape result = checked(b, c.op());
    check_boolean_result(BooleanKind::fuse, c.inputs, result, c);
    return result;
}};

} // namespace

} // namespace lazycad::detail
