#pragma once
// Checks of what OCCT returns: a builder that did not finish is a failure of
// the operation, named in the Error. (Includes the argument checks, which
// compute functions use for what only the evaluated inputs reveal.)

#include <array>
#include <string>

#include <BRepAlgoAPI_BooleanOperation.hxx>
#include <BRepBuilderAPI_MakeShape.hxx>
#include <TopoDS_Shape.hxx>

#include "ops/checks.hpp"

namespace lazycad::detail {

/// A builder that did not finish is a failure of `op`.
void check_done(const BRepBuilderAPI_MakeShape& builder, const std::string& op);
/// Booleans also report errors and warnings through HasErrors().
void check_done(const BRepAlgoAPI_BooleanOperation& builder, const std::string& op);

/// BRepCheck_Analyzer's verdict; an OCCT failure while checking is false.
bool is_valid_shape(const TopoDS_Shape& s);

/// Why `s` must not leave lazycad, empty if it may: what BRepCheck_Analyzer
/// found first, or a solid whose volume is not positive (inside out).
std::string invalidity(const TopoDS_Shape& s);

/// The number of solids in `s`.
int count_solids(const TopoDS_Shape& s);

/// The size of the axis-aligned bounding box of `s` along X, Y and Z, without
/// the tolerance gap BRepBndLib adds (for argument checks against the solid).
std::array<double, 3> box_size(const TopoDS_Shape& s);

/// The warnings a boolean reported, on one line.
std::string warnings_of(const BRepAlgoAPI_BooleanOperation& builder);

// The kind of an evaluated parent, known only once it is computed: checked by
// compute functions, with an Error naming the operation and the parameter.
/// Throws unless `s` holds no solid: a 2D operation (extrude, revolve,
/// fillet2d) given the result of a 3D one.
void require_no_solid(const TopoDS_Shape& s, const std::string& op, const char* param);
/// Throws unless `s` holds a solid: a 3D operation (shell, offset, hole) given
/// a face, a wire or an edge.
void require_solid(const TopoDS_Shape& s, const std::string& op, const char* param);

/// Build, check and return the shape of a BRepBuilderAPI-style builder.
template <class Builder> TopoDS_Shape built(Builder& b, const std::string& op) {
    b.Build();
    check_done(b, op);
    return b.Shape();
}

} // namespace lazycad::detail
