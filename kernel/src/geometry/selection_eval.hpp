#pragma once
// Resolving a selection (a Value predicate tree, see lazycad/selection.hpp)
// against an evaluated shape, at compute time of the feature that takes it.
//
// Encoding (each node a ValueList whose first element names the predicate):
//   {"all"}  {"near", Point}  {"parallel_to", "X"|"Y"|"Z"}  {"of_face", <face expr>}
//   {"circles"}  {"lines"}  {"top"}  {"bottom"}  {"normal_to", "X"|"Y"|"Z"}  {"planes"}
//   {"type", "circle"|"plane"|...}  {"between", "X"|"Y"|"Z"|"length"|"radius"|"area", {lo, hi}}
//   {"nth", a, by, i}  {"group", a, by, i}  (by as in "between"; i < 0 counts from the end)
//   {"created"}  (edges on no edge of the inputs of the shape's operation)
//   {"and", a, b}  {"or", a, b}  {"not", a}
// Every leaf is evaluated against all edges (faces) of the shape and the
// combinators are plain set algebra, so `lines() & near(p)` is the nearest
// edge if it is straight, else nothing. `near` ties (a point at a corner) go to
// the first sub-shape in TopExp order, which is fixed for a given shape, so the
// key still determines the result. `top`/`bottom` compare face centres of mass
// and keep every face within 1e-7 of the shape's size of the extreme.

#include <string>
#include <vector>

#include <TopoDS_Edge.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>

#include "lazycad/value.hpp"

namespace lazycad::detail {

/// The edges of `shape` that `expr` selects, in a stable order (TopExp map
/// order), without degenerated edges. `operands` are the inputs of the
/// operation that made `shape`, for edges::created() (an Error if it is used
/// without them). Throws Error(op, param, "... matched nothing ...") when the
/// selection is empty.
std::vector<TopoDS_Edge> select_edges(const TopoDS_Shape& shape, const Value& expr,
                                      const std::string& op, const std::string& param,
                                      const std::vector<TopoDS_Shape>& operands = {});

/// The faces of `shape` that `expr` selects; throws like select_edges.
std::vector<TopoDS_Face> select_faces(const TopoDS_Shape& shape, const Value& expr,
                                      const std::string& op, const std::string& param);

/// Readable form of an edge / face selection, e.g. "edges::near({0, 0, 5})".
std::string describe_edges(const Value& expr);
std::string describe_faces(const Value& expr);

} // namespace lazycad::detail

namespace lazycad::detail {

/// select_edges, keeping only edges that join two different faces (a fillet or
/// chamfer cannot round a seam or a free boundary edge). Throws Error naming
/// `op` and `param` when nothing usable is left.
std::vector<TopoDS_Edge> select_blend_edges(const TopoDS_Shape& shape, const Value& expr,
                                            const std::string& op, const std::string& param,
                                            const std::vector<TopoDS_Shape>& operands = {});

} // namespace lazycad::detail
