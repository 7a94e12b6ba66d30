// export_file(): STEP (with colours and names through XCAF), STL, BREP and glTF binary.

#include <BRepBuilderAPI_Copy.hxx>
#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepLib.hxx>
#include <BRep_Tool.hxx>
#include <BSplCLib.hxx>
#include <ElSLib.hxx>
#include <Geom2dAPI_PointsToBSpline.hxx>
#include <Geom2d_BSplineCurve.hxx>
#include <TColStd_Array1OfReal.hxx>
#include <TColgp_Array1OfPnt2d.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <cmath>
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
#include "geometry/results.hpp"
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

/// Hyperbolas and parabolas (plane sections of cones: a bevelled hex) lie
/// exactly on their elementary surface, but booleans store their pcurves
/// approximated to 3e-7 - 5e-7: `e`'s pcurve on `f`, sampled from the exact
/// inverse (ElSLib) and fitted to 1e-9 instead. (Ellipses are left alone:
/// closed and seam cases broke the writer.)
void refit_pcurve(const TopoDS_Edge& e, const TopoDS_Face& f, const BRepAdaptor_Curve& curve,
                  const BRepAdaptor_Surface& surface) {
    double first, last;
    Handle(Geom2d_Curve) old = BRep_Tool::CurveOnSurface(e, f, first, last);
    if (old.IsNull() || std::abs(first - curve.FirstParameter()) > 1e-12 ||
        std::abs(last - curve.LastParameter()) > 1e-12)
        return;
    const int n = 64;
    TColgp_Array1OfPnt2d uv(1, n + 1);
    TColStd_Array1OfReal params(1, n + 1);
    for (int k = 0; k <= n; ++k) {
        const double t = first + (last - first) * k / n;
        const gp_Pnt p = curve.Value(t);
        double u = 0, v = 0;
        switch (surface.GetType()) {
        case GeomAbs_Cylinder: ElSLib::Parameters(surface.Cylinder(), p, u, v); break;
        case GeomAbs_Cone: ElSLib::Parameters(surface.Cone(), p, u, v); break;
        case GeomAbs_Sphere: ElSLib::Parameters(surface.Sphere(), p, u, v); break;
        default: ElSLib::Parameters(surface.Torus(), p, u, v); break;
        }
        // On the old pcurve's branch of u, then continuous.
        const double ref = k == 0 ? old->Value(first).X() : uv(k).X();
        u += 2 * M_PI * std::round((ref - u) / (2 * M_PI));
        uv(k + 1) = gp_Pnt2d(u, v);
        params(k + 1) = t;
    }
    Geom2dAPI_PointsToBSpline fit(uv, params, 3, 8, GeomAbs_C2, 1e-9);
    if (!fit.IsDone()) return;
    // OCCT 7.6 returns the fit on [0, 1] whatever the parameters: back onto
    // the edge's range (linear in t, as the parameters were).
    Handle(Geom2d_BSplineCurve) pcurve = fit.Curve();
    TColStd_Array1OfReal knots(1, pcurve->NbKnots());
    pcurve->Knots(knots);
    BSplCLib::Reparametrize(first, last, knots);
    pcurve->SetKnots(knots);
    BRep_Builder().UpdateEdge(e, pcurve, f, BRep_Tool::Tolerance(e));
}

void refit_conic_pcurves(const TopoDS_Shape& s) {
    for (TopExp_Explorer fe(s, TopAbs_FACE); fe.More(); fe.Next()) {
        const TopoDS_Face& f = TopoDS::Face(fe.Current());
        BRepAdaptor_Surface surface(f, /*Restriction=*/false);
        const GeomAbs_SurfaceType st = surface.GetType();
        if (st != GeomAbs_Cylinder && st != GeomAbs_Cone && st != GeomAbs_Sphere && st != GeomAbs_Torus)
            continue;
        for (TopExp_Explorer ee(f, TopAbs_EDGE); ee.More(); ee.Next()) {
            const TopoDS_Edge& e = TopoDS::Edge(ee.Current());
            if (BRep_Tool::Degenerated(e) || BRep_Tool::IsClosed(e, f) || !BRep_Tool::SameRange(e) ||
                BRep_Tool::IsClosed(e))
                continue;
            BRepAdaptor_Curve curve(e);
            const GeomAbs_CurveType ct = curve.GetType();
            if (ct != GeomAbs_Hyperbola && ct != GeomAbs_Parabola) continue;
            try {
                refit_pcurve(e, f, curve, surface);
            } catch (const Standard_Failure&) {
                // left as it was: within its tolerance, only less precise
            }
        }
    }
}

} // namespace

// Issue 11. A STEP file carries no tolerances: a reader sets each edge's
// tolerance to the deviation it samples between the 3D curve and the curves
// on the faces (1e-7 at least), and a finer check (BOPAlgo_ArgumentAnalyzer,
// FreeCAD's) then finds a little more. Booleans approximate the curves where
// two surfaces cross to 1e-7 - 3e-7 (the BRep's tolerances cover it): those
// are re-computed on the true intersection (io/intersection_edges.cpp); loose
// pcurves are re-fitted (conics, then SameParameter forced at 1e-8). The
// cached shape is unchanged. The copy is written only if BRepCheck still
// finds it valid: a re-fit must never turn the checked result into an
// invalid file (a conic re-fit once did, and only a reader's repair hid it).
TopoDS_Shape detail::for_step(const TopoDS_Shape& s) {
    TopoDS_Shape c = BRepBuilderAPI_Copy(s).Shape();
    refit_conic_pcurves(c);
    BRepLib::SameParameter(c, 1e-8, /*forced=*/Standard_True);
    refit_intersection_edges(c);
    BRepLib::UpdateTolerances(c, /*verifyFaceTolerance=*/Standard_False);
    return is_valid_shape(c) || !is_valid_shape(s) ? c : s;
}

namespace {

void write_step(const std::vector<Displayed>& shapes, const std::vector<TopoDS_Shape>& results,
                const std::string& path) {
    std::vector<TopoDS_Shape> built;
    for (const TopoDS_Shape& s : results) built.push_back(for_step(s));
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
