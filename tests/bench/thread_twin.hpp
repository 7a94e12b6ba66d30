#pragma once
// The native twin of a threaded rod (issue 16): what a plain OCCT program
// writes for an M10x1.5 rod, without lazycad. One helical
// BRepOffsetAPI_MakePipeShell sweep (Frenet) of the ISO tooth along a helix
// whose 3D curve is built with enough segments (8 per turn: BuildCurves3d's
// default of 30 bends long helices), then BRepAlgoAPI_Fuse with the core and
// SimplifyResult. The tooth overlaps the core by H/8, as a hand-written
// program does so that the fuse truly intersects. Used by bench_thread.

#include <chrono>
#include <cmath>

#include <BRepAlgoAPI_Fuse.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepLib.hxx>
#include <BRepOffsetAPI_MakePipeShell.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <Geom2d_Line.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <TopoDS_Edge.hxx>
#include <TopoDS_Shape.hxx>
#include <gp_Ax3.hxx>

namespace twin {

struct NativeRod {
    TopoDS_Shape tooth, rod;
    double sweep_ms = 0, fuse_ms = 0;
};

/// The rod of diameter d, pitch P, length L: core of the minor diameter and
/// L/P - 1 turns of the tooth, whose profile starts at z = P/2 (all within [0, L]).
inline NativeRod native_rod(double d, double P, double L) {
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point t0) {
        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    };
    NativeRod out;
    auto t0 = Clock::now();
    const double H = std::sqrt(3.0) / 2 * P, r1 = d / 2 - 5 * H / 8;
    auto half = [&](double r) { return 3 * P / 8 - (r - r1) / std::sqrt(3.0); };
    const double rb = r1 - H / 8, rc = d / 2, zc = P / 2;
    BRepBuilderAPI_MakePolygon profile;
    profile.Add(gp_Pnt(rb, 0, zc - half(rb)));
    profile.Add(gp_Pnt(rc, 0, zc - half(rc)));
    profile.Add(gp_Pnt(rc, 0, zc + half(rc)));
    profile.Add(gp_Pnt(rb, 0, zc + half(rb)));
    profile.Close();
    const double turns = L / P - 1;
    Handle(Geom_CylindricalSurface) cyl = new Geom_CylindricalSurface(gp_Ax3(gp::XOY()), r1);
    Handle(Geom2d_Line) line = new Geom2d_Line(gp_Pnt2d(0, zc), gp_Dir2d(2 * M_PI, P));
    TopoDS_Edge helix =
        BRepBuilderAPI_MakeEdge(line, cyl, 0, turns * std::hypot(2 * M_PI, P)).Edge();
    BRepLib::BuildCurves3d(helix, 1e-6, GeomAbs_C1, 14, int(8 * turns) + 30);
    BRepOffsetAPI_MakePipeShell pipe(BRepBuilderAPI_MakeWire(helix).Wire());
    pipe.SetMode(/*IsFrenet=*/true);
    pipe.Add(profile.Wire());
    pipe.Build();
    pipe.MakeSolid();
    out.tooth = pipe.Shape();
    out.sweep_ms = ms(t0);
    t0 = Clock::now();
    BRepAlgoAPI_Fuse fuse(BRepPrimAPI_MakeCylinder(r1, L).Shape(), out.tooth);
    fuse.SimplifyResult();
    out.rod = fuse.Shape();
    out.fuse_ms = ms(t0);
    return out;
}

} // namespace twin
