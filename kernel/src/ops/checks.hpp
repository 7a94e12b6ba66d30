#pragma once
// Argument checks made before a node is created, and result checks made on
// what OCCT returns. Every message names the operation and the parameter.

#include <string>

#include <BRepAlgoAPI_BooleanOperation.hxx>
#include <BRepBuilderAPI_MakeShape.hxx>
#include <TopoDS_Shape.hxx>

#include "lazycad/error.hpp"

namespace lazycad::detail {

/// Throw "op: parameter 'param' <what>".
[[noreturn]] void fail(const std::string& op, const std::string& param, const std::string& what);

void require_positive(const char* op, const char* param, double v);
void require_non_negative(const char* op, const char* param, double v);
/// Throw "op: parameter 'param' <what>" unless `ok`.
void require(bool ok, const char* op, const char* param, const std::string& what);

/// A builder that did not finish is a failure of `op`.
void check_done(const BRepBuilderAPI_MakeShape& builder, const std::string& op);
/// Booleans also report errors and warnings through HasErrors().
void check_done(const BRepAlgoAPI_BooleanOperation& builder, const std::string& op);

/// Build, check and return the shape of a BRepBuilderAPI-style builder.
template <class Builder> TopoDS_Shape built(Builder& b, const std::string& op) {
    b.Build();
    check_done(b, op);
    return b.Shape();
}

} // namespace lazycad::detail
