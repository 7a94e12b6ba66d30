#include "ops/checks.hpp"

#include <sstream>

#include <fmt/format.h>

namespace lazycad::detail {

void fail(const std::string& op, const std::string& param, const std::string& what) {
    throw Error(op, param, fmt::format("{}: parameter '{}' {}", op, param, what));
}

void require_positive(const char* op, const char* param, double v) {
    if (!(v > 0)) fail(op, param, fmt::format("must be positive (got {})", v));
}

void require_non_negative(const char* op, const char* param, double v) {
    if (!(v >= 0)) fail(op, param, fmt::format("must not be negative (got {})", v));
}

void require(bool ok, const char* op, const char* param, const std::string& what) {
    if (!ok) fail(op, param, what);
}

void check_done(const BRepBuilderAPI_MakeShape& builder, const std::string& op) {
    if (!builder.IsDone())
        throw Error(op, "", op + ": OCCT could not build the result");
}

void check_done(const BRepAlgoAPI_BooleanOperation& builder, const std::string& op) {
    if (builder.HasErrors()) {
        std::ostringstream report;
        builder.DumpErrors(report);
        std::string text = report.str();
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        throw Error(op, "", op + ": OCCT boolean failed" + (text.empty() ? "" : ": " + text));
    }
    check_done(static_cast<const BRepBuilderAPI_MakeShape&>(builder), op);
}

} // namespace lazycad::detail
