// export_file(): STEP (with colours and names through XCAF), STL, BREP and glTF binary.

#include <BRepBuilderAPI_Copy.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <BRepTools.hxx>
#include <BRep_Builder.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <Interface_Static.hxx>
#include <Quantity_Color.hxx>
#include <STEPCAFControl_Writer.hxx>
#include <Standard_Failure.hxx>
#include <StlAPI_Writer.hxx>
#include <TCollection_ExtendedString.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopoDS_Compound.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>
#include <fmt/format.h>

#include "eval/occt_setup.hpp"
#include "io/export_formats.hpp"
#include "lazycad/export.hpp"
#include "lazycad/occt.hpp"

namespace lazycad {

namespace detail {

std::vector<TopoDS_Shape> evaluated(const std::vector<Displayed>& shapes, const EvalOptions& o) {
    std::vector<Shape> roots;
    for (const Displayed& d : shapes) roots.push_back(d.shape);
    evaluate(roots, o);
    std::vector<TopoDS_Shape> out;
    for (const Displayed& d : shapes) out.push_back(occt_shape(d.shape, o));
    return out;
}

TopoDS_Compound compound_of(const std::vector<TopoDS_Shape>& shapes) {
    TopoDS_Compound c;
    BRep_Builder b;
    b.MakeCompound(c);
    for (const TopoDS_Shape& s : shapes) b.Add(c, s);
    return c;
}

std::string display_name(const Displayed& d, std::size_t index) {
    return d.shape.name().empty() ? fmt::format("shape{}", index + 1) : d.shape.name();
}

Handle(TDocStd_Document) make_xcaf_document(const std::vector<Displayed>& shapes,
                                            const std::vector<TopoDS_Shape>& built) {
    Handle(TDocStd_Document) doc;
    XCAFApp_Application::GetApplication()->NewDocument("MDTV-XCAF", doc);
    Handle(XCAFDoc_ShapeTool) shape_tool = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
    Handle(XCAFDoc_ColorTool) color_tool = XCAFDoc_DocumentTool::ColorTool(doc->Main());
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        TDF_Label label = shape_tool->AddShape(built[i], /*makeAssembly=*/false);
        // OCCT 7.6 adds a located shape (any moved part) as a top-level instance
        // referring to an unlocated part, and the STEP writer drops the colour and
        // name of the instance: name and colour the referred part as well.
        TDF_Label part = label;
        XCAFDoc_ShapeTool::GetReferredShape(label, part);
        const Color& c = shapes[i].color;
        for (const TDF_Label& l : {label, part}) {
            TDataStd_Name::Set(l, TCollection_ExtendedString(display_name(shapes[i], i).c_str()));
            color_tool->SetColor(l, Quantity_Color(c.r, c.g, c.b, Quantity_TOC_sRGB),
                                 XCAFDoc_ColorGen);
        }
    }
    return doc;
}

void mesh(const TopoDS_Shape& s, const ExportOptions& o) {
    BRepMesh_IncrementalMesh m(s, o.tolerance, /*isRelative=*/false, o.angular_tolerance,
                               /*isInParallel=*/true);
    if (!m.IsDone()) throw Error("export", "tolerance", "export: meshing failed");
}

} // namespace detail

using namespace detail;

namespace {

void write_step(const std::vector<Displayed>& shapes, const std::vector<TopoDS_Shape>& built,
                const std::string& path) {
    Handle(TDocStd_Document) doc = make_xcaf_document(shapes, built);
    STEPCAFControl_Writer writer;
    writer.SetColorMode(true);
    writer.SetNameMode(true);
    Interface_Static::SetCVal("write.step.unit", "MM");
    if (!writer.Transfer(doc, STEPControl_AsIs))
        throw Error("export", "path", "export: STEP transfer failed for " + path);
    if (writer.Write(path.c_str()) != IFSelect_RetDone)
        throw Error("export", "path", "export: cannot write " + path);
    XCAFApp_Application::GetApplication()->Close(doc);
}

void write_stl(const std::vector<TopoDS_Shape>& built, const std::string& path,
               const ExportOptions& o) {
    // Mesh a copy: the cached shapes are shared and must stay unchanged.
    TopoDS_Shape c = BRepBuilderAPI_Copy(compound_of(built)).Shape();
    mesh(c, o);
    StlAPI_Writer writer;
    writer.ASCIIMode() = false;
    if (!writer.Write(c, path.c_str())) throw Error("export", "path", "export: cannot write " + path);
}

void write_brep(const std::vector<TopoDS_Shape>& built, const std::string& path) {
    if (!BRepTools::Write(compound_of(built), path.c_str()))
        throw Error("export", "path", "export: cannot write " + path);
}

} // namespace

void detail::write_export(const std::vector<Displayed>& shapes, const std::string& path,
                          const std::string& ext, const ExportOptions& options) {
    std::vector<TopoDS_Shape> built = evaluated(shapes, options.eval);
    setup_occt_in_this_thread();
    try {
        if (ext == ".step" || ext == ".stp") write_step(shapes, built, path);
        else if (ext == ".stl") write_stl(built, path, options);
        else if (ext == ".brep") write_brep(built, path);
        else write_glb(shapes, built, path, options);
    } catch (const Standard_Failure& f) {
        throw Error("export", "path",
                    fmt::format("export: OCCT failed writing {}: {}", path, f.GetMessageString()));
    }
}

} // namespace lazycad
