// glTF binary through OCCT's RWGltf_CafWriter, with colours and names from XCAF.

#include <BRepBuilderAPI_Copy.hxx>
#include <Message_ProgressRange.hxx>
#include <RWGltf_CafWriter.hxx>
#include <RWMesh_CoordinateSystem.hxx>
#include <TColStd_IndexedDataMapOfStringString.hxx>

#include "io/export_formats.hpp"

namespace lazycad::detail {

void write_glb(const std::vector<Displayed>& shapes, const std::vector<TopoDS_Shape>& built,
               const std::string& path, const ExportOptions& options) {
    std::vector<TopoDS_Shape> meshed;
    for (const TopoDS_Shape& s : built) {
        TopoDS_Shape copy = BRepBuilderAPI_Copy(s).Shape(); // keep cached shapes untouched
        mesh(copy, options);
        meshed.push_back(copy);
    }
    Handle(TDocStd_Document) doc = make_xcaf_document(shapes, meshed);
    RWGltf_CafWriter writer(path.c_str(), /*isBinary=*/true);
    // lazycad is Z-up in millimetres; glTF is Y-up in metres.
    writer.ChangeCoordinateSystemConverter().SetInputLengthUnit(0.001);
    writer.ChangeCoordinateSystemConverter().SetInputCoordinateSystem(RWMesh_CoordinateSystem_Zup);
    TColStd_IndexedDataMapOfStringString info;
    info.Add("generator", "lazycad");
    if (!writer.Perform(doc, info, Message_ProgressRange()))
        throw Error("export", "path", "export: cannot write " + path);
}

} // namespace lazycad::detail
