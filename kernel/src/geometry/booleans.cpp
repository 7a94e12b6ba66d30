// Booleans: union (fuse), difference (cut), intersection (common), n-ary union.
// Expensive: their results go to the directory cache.

#include <cmath>

#include <BRepAlgoAPI_Common.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepBndLib.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepPrimAPI_MakePrism.hxx>
#include <BRep_Builder.hxx>
#include <Bnd_Box.hxx>
#include <TopExp_Explorer.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS_Compound.hxx>
#include <gp_Pln.hxx>

#include "geometry/boolean_checks.hpp"
#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "params/booleans.hpp"

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

/// `inputs[0]` with all of the others as tools in one boolean: a union_all, or
/// a chain of cuts or unions that the evaluator folded (a - b - c is a - (b + c)).
template <class Algo>
TopoDS_Shape all_at_once(const std::vector<TopoDS_Shape>& inputs, const OpContext& c) {
    TopTools_ListOfShape first, rest;
    first.Append(inputs[0]);
    for (std::size_t i = 1; i < inputs.size(); ++i) rest.Append(inputs[i]);
    Algo b;
    b.SetArguments(first);
    b.SetTools(rest);
    b.Build(c.progress);
    return checked(b, c.op());
}

/// Two inputs as written; more when the evaluator folded a chain of this
/// operation into its last node (a common of several tools would be the
/// object's common with their union, so intersections are never folded).
template <class Algo, BooleanKind kind> TopoDS_Shape binary(const OpContext& c) {
    TopoDS_Shape result;
    if (c.inputs.size() == 2) {
        Algo b(c.inputs[0], c.inputs[1], c.progress);
        result = checked(b, c.op());
    } else {
        static_assert(kind != BooleanKind::common);
        result = all_at_once<Algo>(c.inputs, c);
    }
    check_boolean_result(kind, c.inputs, result, c);
    return result;
}

const Compute union_compute{params::boolean::union_op, [](const OpContext& c) {
    // A folded chain (more than two inputs) is an ordinary n-ary fuse.
    if (c.inputs.size() != 2 || !c.get_or(params::boolean::glue, false))
        return binary<BRepAlgoAPI_Fuse, BooleanKind::fuse>(c);
    // A thread seated on its core (ops/thread_seat.hpp): the two only touch,
    // along faces lying on each other, so OCCT may skip intersecting faces.
    TopTools_ListOfShape a, b;
    a.Append(c.inputs[0]);
    b.Append(c.inputs[1]);
    BRepAlgoAPI_Fuse fuse;
    fuse.SetArguments(a);
    fuse.SetTools(b);
    fuse.SetGlue(BOPAlgo_GlueShift);
    fuse.SetRunParallel(true); // the thread -> fuse chain is serial: use the idle core
    fuse.Build(c.progress);
    TopoDS_Shape result = checked(fuse, c.op());
    check_boolean_result(BooleanKind::fuse, c.inputs, result, c);
    return result;
}};
const Compute difference_compute{params::boolean::difference_op, binary<BRepAlgoAPI_Cut, BooleanKind::cut>};
const Compute intersection_compute{params::boolean::intersection_op, [](const OpContext& c) {
    if (c.inputs.size() != 2)
        throw Error(c.op(), "", c.op() + ": internal error: an intersection takes two shapes");
    BRepAlgoAPI_Common b(c.inputs[0], c.inputs[1], c.progress);
    TopoDS_Shape result = checked(b, c.op());
    check_boolean_result(BooleanKind::common, c.inputs, result, c);
    return result;
}};

const Compute union_all_compute{params::boolean::union_all_op, [](const OpContext& c) {
    if (c.inputs.size() == 1) return c.inputs[0];
    TopoDS_Shape result = all_at_once<BRepAlgoAPI_Fuse>(c.inputs, c);
    check_boolean_result(BooleanKind::fuse, c.inputs, result, c);
    return result;
}};

/// The part of `s` on the side of the plane (o, n) that `n` points to: its
/// intersection with a prism on that side large enough to hold all of `s`
/// (a finite stand-in for the half-space, so the boolean stays ordinary).
TopoDS_Shape half(const TopoDS_Shape& s, const gp_Pnt& o, const gp_Dir& n, const OpContext& c) {
    Bnd_Box bounds;
    BRepBndLib::Add(s, bounds);
    double xmin, ymin, zmin, xmax, ymax, zmax;
    bounds.Get(xmin, ymin, zmin, xmax, ymax, zmax);
    gp_Pnt centre((xmin + xmax) / 2, (ymin + ymax) / 2, (zmin + zmax) / 2);
    // Every point of s lies within half the diagonal of the box's centre.
    double r = std::sqrt(bounds.SquareExtent()) + o.Distance(centre) + 1;
    BRepBuilderAPI_MakeFace face(gp_Pln(o, n), -r, r, -r, r);
    BRepPrimAPI_MakePrism prism(built(face, c.op()), gp_Vec(n) * r);
    BRepAlgoAPI_Common b(s, built(prism, c.op()), c.progress);
    TopoDS_Shape result = checked(b, c.op());
    if (!TopExp_Explorer(result, TopAbs_EDGE).More())
        throw Error(c.op(), "origin",
                    c.op() + ": parameter 'origin': the plane leaves nothing of the shape on "
                             "the side kept (it misses the shape)");
    return result;
}

const Compute split_compute{params::split::op, [](const OpContext& c) {
    Point p = c[params::split::origin];
    Vec v = c[params::split::normal];
    gp_Pnt o(p.x, p.y, p.z);
    gp_Dir n(v.x, v.y, v.z);
    const Keep keep = c[params::split::keep];
    if (keep == Keep::above) return half(c.inputs[0], o, n, c);
    if (keep == Keep::below) return half(c.inputs[0], o, n.Reversed(), c);
    TopoDS_Compound both;
    BRep_Builder builder;
    builder.MakeCompound(both);
    builder.Add(both, half(c.inputs[0], o, n, c));
    builder.Add(both, half(c.inputs[0], o, n.Reversed(), c));
    return TopoDS_Shape(both);
}};

} // namespace

} // namespace lazycad::detail
