#include "pick_info.hpp"

#include <cmath>

#include <BRepAdaptor_Curve.hxx>
#include <BRepAdaptor_Surface.hxx>
#include <BRepBndLib.hxx>
#include <BRepExtrema_DistShapeShape.hxx>
#include <BRepGProp.hxx>
#include <BRep_Tool.hxx>
#include <Bnd_Box.hxx>
#include <GProp_GProps.hxx>
#include <Standard_Failure.hxx>
#include <TopoDS.hxx>

#include <fmt/format.h>

namespace lazycad::viewer {

namespace {

std::string num(double x) { return fmt::format("{:.6g}", x + 0.0); } // + 0.0: no "-0"
std::string point(const gp_XYZ& p) { return fmt::format("({}, {}, {})", num(p.X()), num(p.Y()), num(p.Z())); }

/// The direction of a plane's normal (outward for a forward face) or a line.
std::optional<gp_Dir> direction(const TopoDS_Shape& s) {
    if (s.ShapeType() == TopAbs_FACE) {
        BRepAdaptor_Surface surface(TopoDS::Face(s));
        if (surface.GetType() != GeomAbs_Plane) return std::nullopt;
        gp_Dir n = surface.Plane().Axis().Direction();
        return s.Orientation() == TopAbs_REVERSED ? n.Reversed() : n;
    }
    if (s.ShapeType() == TopAbs_EDGE) {
        BRepAdaptor_Curve curve(TopoDS::Edge(s));
        if (curve.GetType() != GeomAbs_Line) return std::nullopt;
        return curve.Line().Direction();
    }
    return std::nullopt;
}

const char* surface_name(GeomAbs_SurfaceType t) {
    switch (t) {
    case GeomAbs_Plane: return "plane";
    case GeomAbs_Cylinder: return "cylinder";
    case GeomAbs_Cone: return "cone";
    case GeomAbs_Sphere: return "sphere";
    case GeomAbs_Torus: return "torus";
    case GeomAbs_BSplineSurface: return "B-spline surface";
    case GeomAbs_BezierSurface: return "Bézier surface";
    case GeomAbs_SurfaceOfRevolution: return "surface of revolution";
    case GeomAbs_SurfaceOfExtrusion: return "surface of extrusion";
    case GeomAbs_OffsetSurface: return "offset surface";
    default: return "surface";
    }
}

const char* curve_name(GeomAbs_CurveType t) {
    switch (t) {
    case GeomAbs_Line: return "line";
    case GeomAbs_Circle: return "circle";
    case GeomAbs_Ellipse: return "ellipse";
    case GeomAbs_BSplineCurve: return "B-spline curve";
    case GeomAbs_BezierCurve: return "Bézier curve";
    default: return "curve";
    }
}

} // namespace

std::string describe_pick(const TopoDS_Shape& s) {
    try {
        switch (s.ShapeType()) {
        case TopAbs_VERTEX: return "Vertex " + point(BRep_Tool::Pnt(TopoDS::Vertex(s)).XYZ());
        case TopAbs_EDGE: {
            BRepAdaptor_Curve c(TopoDS::Edge(s));
            GProp_GProps g;
            BRepGProp::LinearProperties(s, g);
            std::string out = fmt::format("Edge: {}, length {} mm", curve_name(c.GetType()), num(g.Mass()));
            if (c.GetType() == GeomAbs_Circle)
                out += fmt::format("\nradius {} mm, centre {}", num(c.Circle().Radius()),
                                   point(c.Circle().Location().XYZ()));
            if (c.GetType() == GeomAbs_Line) out += "\ndirection " + point(c.Line().Direction().XYZ());
            return out;
        }
        case TopAbs_FACE: {
            BRepAdaptor_Surface f(TopoDS::Face(s));
            GProp_GProps g;
            BRepGProp::SurfaceProperties(s, g);
            std::string out = fmt::format("Face: {}, area {} mm²", surface_name(f.GetType()), num(g.Mass()));
            if (auto n = direction(s)) out += "\nnormal " + point(n->XYZ());
            if (f.GetType() == GeomAbs_Cylinder)
                out += fmt::format("\nradius {} mm, axis {} through {}", num(f.Cylinder().Radius()),
                                   point(f.Cylinder().Axis().Direction().XYZ()),
                                   point(f.Cylinder().Axis().Location().XYZ()));
            if (f.GetType() == GeomAbs_Sphere) out += fmt::format("\nradius {} mm", num(f.Sphere().Radius()));
            return out;
        }
        default: {
            GProp_GProps v, a;
            BRepGProp::VolumeProperties(s, v);
            BRepGProp::SurfaceProperties(s, a);
            Bnd_Box box;
            BRepBndLib::AddOptimal(s, box, false, false);
            std::string out = fmt::format("Part: volume {} mm³, area {} mm²\ncentre of mass {}", num(v.Mass()),
                                          num(a.Mass()), point(v.CentreOfMass().XYZ()));
            if (!box.IsVoid())
                out += fmt::format("\nbounds {} to {}", point(box.CornerMin().XYZ()), point(box.CornerMax().XYZ()));
            return out;
        }
        }
    } catch (const Standard_Failure& e) {
        return std::string("Cannot describe this entity: ") + e.GetMessageString();
    }
}

PairMeasure measure_pair(const TopoDS_Shape& a, const TopoDS_Shape& b) {
    PairMeasure m;
    try {
        BRepExtrema_DistShapeShape d(a, b);
        if (d.IsDone() && d.NbSolution() > 0) {
            m.distance = d.Value();
            m.text = fmt::format("Distance: {} mm\nfrom {}\nto   {}", num(d.Value()), point(d.PointOnShape1(1).XYZ()),
                                 point(d.PointOnShape2(1).XYZ()));
        } else {
            m.text = "BRepExtrema found no distance between these two.";
        }
        auto da = direction(a), db = direction(b);
        if (da && db) {
            m.angle = da->Angle(*db) * 180.0 / M_PI;
            m.text += fmt::format("\nAngle: {}°", num(*m.angle));
        }
    } catch (const Standard_Failure& e) {
        m.text = std::string("Measure failed: ") + e.GetMessageString();
    }
    return m;
}

} // namespace lazycad::viewer
