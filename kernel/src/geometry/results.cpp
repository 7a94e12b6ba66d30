#include "geometry/results.hpp"

#include <sstream>

#include <BRepBndLib.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <Bnd_Box.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TopExp_Explorer.hxx>

#include "lazycad/error.hpp"

namespace lazycad::detail {

void check_done(const BRepBuilderAPI_MakeShape& builder, const std::string& op) {
    if (!builder.IsDone())
        throw Error(op, "", op + ": OCCT could not build the result");
}

namespace {

std::string one_line(const std::ostringstream& report) {
    std::string text = report.str();
    for (char& ch : text)
        if (ch == '\n') ch = ' ';
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

} // namespace

bool is_valid_shape(const TopoDS_Shape& s) {
    try {
        OCC_CATCH_SIGNALS
        return BRepCheck_Analyzer(s).IsValid();
    } catch (const Standard_Failure&) {
        return false;
    }
}

std::array<double, 3> box_size(const TopoDS_Shape& s) {
    Bnd_Box box;
    BRepBndLib::Add(s, box);
    if (box.IsVoid()) return {0, 0, 0};
    double x0, y0, z0, x1, y1, z1;
    box.Get(x0, y0, z0, x1, y1, z1);
    const double gap = 2 * box.GetGap();
    return {x1 - x0 - gap, y1 - y0 - gap, z1 - z0 - gap};
}

std::string warnings_of(const BRepAlgoAPI_BooleanOperation& builder) {
    std::ostringstream report;
    builder.DumpWarnings(report);
    return one_line(report);
}

void check_done(const BRepAlgoAPI_BooleanOperation& builder, const std::string& op) {
    if (builder.HasErrors()) {
        std::ostringstream report;
        builder.DumpErrors(report);
        std::string text = one_line(report);
        throw Error(op, "", op + ": OCCT boolean failed" + (text.empty() ? "" : ": " + text));
    }
    check_done(static_cast<const BRepBuilderAPI_MakeShape&>(builder), op);
}

void require_no_solid(const TopoDS_Shape& s, const std::string& op, const char* param) {
    if (TopExp_Explorer(s, TopAbs_SOLID).More())
        fail(op, param, "must be a 2D face or wire, not a solid (got the result of a 3D operation)");
}

void require_solid(const TopoDS_Shape& s, const std::string& op, const char* param) {
    if (!TopExp_Explorer(s, TopAbs_SOLID).More())
        fail(op, param, "must be a solid (got a 2D face, wire or edge)");
}

} // namespace lazycad::detail
