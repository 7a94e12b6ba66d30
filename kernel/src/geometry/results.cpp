#include "geometry/results.hpp"

#include "geometry/boolean_checks.hpp"

#include <sstream>

#include <BRepBndLib.hxx>
#include <BRepCheck.hxx>
#include <BRepCheck_Analyzer.hxx>
#include <BRepCheck_ListOfStatus.hxx>
#include <BRepCheck_Result.hxx>
#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <fmt/format.h>
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

namespace {

const char* type_name(TopAbs_ShapeEnum t) {
    static const char* names[] = {"compound", "compsolid", "solid", "shell", "face",
                                  "wire",     "edge",      "vertex", "shape"};
    return names[t];
}

/// The first status other than NoError in `list`, as BRepCheck prints it.
std::string first_fault(const BRepCheck_ListOfStatus& list) {
    for (BRepCheck_Status st : list)
        if (st != BRepCheck_NoError) {
            std::ostringstream text;
            BRepCheck::Print(st, text);
            std::string s = text.str();
            while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
            return s;
        }
    return {};
}

/// What BRepCheck_Analyzer found first, from vertices up: "<status> on a <type>".
std::string brepcheck_fault(const BRepCheck_Analyzer& a, const TopoDS_Shape& s) {
    for (TopAbs_ShapeEnum t : {TopAbs_VERTEX, TopAbs_EDGE, TopAbs_WIRE, TopAbs_FACE, TopAbs_SHELL,
                               TopAbs_SOLID, TopAbs_COMPSOLID})
        for (TopExp_Explorer e(s, t); e.More(); e.Next()) {
            const Handle(BRepCheck_Result)& r = a.Result(e.Current());
            if (r.IsNull()) continue;
            std::string fault = first_fault(r->Status());
            for (r->InitContextIterator(); fault.empty() && r->MoreShapeInContext();
                 r->NextShapeInContext())
                fault = first_fault(r->StatusOnShape());
            if (!fault.empty()) return fault + " on a " + type_name(t);
        }
    return "BRepCheck_Analyzer";
}

} // namespace

std::string invalidity(const TopoDS_Shape& s) {
    try {
        OCC_CATCH_SIGNALS
        BRepCheck_Analyzer analyzer(s);
        if (!analyzer.IsValid()) return "invalid: " + brepcheck_fault(analyzer, s);
        // An inside-out solid passes BRepCheck; its volume is negative. A rough
        // integration (no accuracy asked) is enough for a sign, and cheap; a
        // boolean's result of one solid has it already.
        if (const std::optional<double> v = known_volume(s); v && *v > 0 && count_solids(s) == 1)
            return {};
        int i = 0;
        for (TopExp_Explorer e(s, TopAbs_SOLID); e.More(); e.Next(), ++i) {
            GProp_GProps props;
            BRepGProp::VolumeProperties(e.Current(), props);
            if (!(props.Mass() > 0))
                return fmt::format("solid {} has volume {:.6g}, not a positive one", i + 1,
                                   props.Mass());
        }
        return {};
    } catch (const Standard_Failure& f) {
        return std::string("checking it failed: ") + f.GetMessageString();
    }
}

int count_solids(const TopoDS_Shape& s) {
    int n = 0;
    for (TopExp_Explorer e(s, TopAbs_SOLID); e.More(); e.Next()) ++n;
    return n;
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
