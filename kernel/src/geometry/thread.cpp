// ISO metric threads (ISO 68-1 basic profile).
//
// Construction. In the half-plane through the axis the tooth is a trapezoid:
// its base on a cylinder of radius r_base, its crest on a cylinder of radius
// r_crest, flanks at 30° to the radial direction. Swept along one turn of the
// helix it bounds four faces: the base and the crest lie on exact cylinders,
// each between two helices drawn as straight 2D lines in the cylinder's
// (u, v) space; the two flanks are ruled surfaces between a base helix and a
// crest helix at the same angle, which is exactly the helicoid of the
// straight flank. One turn is built by hand (BRep_Builder): its end edges
// (the profile at u = 2π) are its start edges moved by one pitch, with one
// TopLoc_Location `step`. The coil of n turns is those four faces moved by
// step^k: consecutive turns share their edges outright (no sewing, no
// tolerance growth), the BRep holds one turn's geometry however long the
// thread, and every face stays within one turn, so the helix approximation
// never degrades with length (one turn's 3D curves; BuildCurves3d's segment
// limit never comes into play) and BRepGProp and the booleans see ordinary
// faces.
//
// An external tooth is seated exactly on the minor cylinder (r_base = d1/2),
// so that `cylinder(d1/2, L) + thread` touches without crossing: the union
// then fuses with OCCT's glue option (ops/booleans.cpp), several times faster
// than intersecting every flank with the core. An internal thread (the groove
// a nut's tap cuts) keeps its overlap of H/16 with the bore.
//
// The coil runs past both ends (by up to two and a half pitches); one cutter
// per end (a solid of revolution under the end plane or cone) cuts them off,
// so only the end turns meet a boolean: flat planes (square), 45° cones (chamfered)
// or shallow cones over 2.5 P (faded). Those cones start inside the minor
// diameter, so the thread always disappears into the shank or the bore, with
// no sliver at the stop.
//
// Left-hand threads are built with helices winding the other way (u from 2π
// down to 0), the exact mirror images of the right-hand ones in the XZ plane:
// same phase (tooth centre on +X at z = kP). Their pcurves stay within the
// cylinders' natural u range [0, 2π]: with u from 0 to -2π (thread v2),
// BRepGProp's integration of the faces was off by up to 3e-4, so measured
// volumes of left-hand parts were wrong in the fifth digit.

#include <algorithm>
#include <cmath>
#include <vector>

#include <BRepAdaptor_Surface.hxx>
#include <BRepAlgoAPI_Cut.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepLib.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <BRep_Builder.hxx>
#include <BRep_Tool.hxx>
#include <Geom2d_Line.hxx>
#include <GeomFill.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <Geom_Line.hxx>
#include <Geom_TrimmedCurve.hxx>
#include <TopTools_ListOfShape.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Shell.hxx>
#include <TopoDS_Solid.hxx>
#include <TopoDS_Vertex.hxx>
#include <TopoDS_Wire.hxx>
#include <gp_Ax3.hxx>
#include <gp_Trsf.hxx>
#include <fmt/format.h>

#include "eval/validity.hpp"
#include "geometry/boolean_checks.hpp"
#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/thread.hpp"
#include "ops/thread_table.hpp"
#include "params/thread.hpp"

namespace lazycad::detail {

namespace {

constexpr double sqrt3 = 1.7320508075688772;
constexpr double fade_pitches = 2.5; // ISO 4755 normal runout x = 2.5 P
constexpr double tol = 1e-7;         // of the hand-built edges and faces

/// The tooth (external) or groove (internal) in the axial half-plane.
struct Profile {
    double r_minor;    ///< d1/2 = D1/2: where the shank or the bore ends
    double r_base;     ///< inner edge of the solid: on the shank, inside the bore
    double r_crest;    ///< outer edge of the solid
    double half_base;  ///< axial half-width at r_base
    double half_crest; ///< axial half-width at r_crest
};

Profile thread_profile(double d, double pitch, bool internal, double clearance) {
    const double H = sqrt3 / 2 * pitch;
    // The same expression as the core a user makes (ops/thread.cpp), so that
    // the seat in ops/booleans.cpp is exact.
    const double r_minor = thread_minor_diameter(d, pitch) / 2;
    // Basic half-width of the tooth at radius r: 3P/8 at d1/2, P/16 at d/2
    // (a flank advances tan 30° = 1/sqrt3 axially per unit of radius).
    auto half = [&](double r) { return 3 * pitch / 8 - (r - r_minor) / sqrt3; };
    Profile p{};
    p.r_minor = r_minor;
    if (!internal) {
        p.r_base = r_minor; // seated on the shank: a union touches, never crosses
        p.r_crest = d / 2;
        p.half_base = half(p.r_base); // 3P/8: neighbouring turns stay P/4 apart
        p.half_crest = half(p.r_crest);
    } else {
        p.r_base = r_minor - H / 16; // overlap with the bore
        p.r_crest = d / 2 + H / 16;  // root beyond D, flat P/16 + 2c wide
        p.half_base = half(p.r_base) + clearance;
        p.half_crest = half(p.r_crest) + clearance;
    }
    return p;
}

/// One turn of the tooth from the profile at angle 0 (tooth centre at z0) to
/// the same profile one pitch higher at angle ±2π, as four faces (base,
/// crest, lower and upper flank) whose end edges are their start edges moved
/// by `step`, and the start cap (the profile's planar face at angle 0).
struct Turn {
    TopoDS_Face faces[4];
    TopoDS_Face cap;
};

class TurnBuilder {
public:
    TurnBuilder(const Profile& p, double z0, double pitch, bool left_hand, const TopLoc_Location& step)
        : m_pitch(pitch), m_u0(left_hand ? 2 * M_PI : 0), m_du(left_hand ? -2 * M_PI : 2 * M_PI), m_step(step) {
        m_base = new Geom_CylindricalSurface(gp_Ax3(gp::XOY()), p.r_base);
        m_crest = new Geom_CylindricalSurface(gp_Ax3(gp::XOY()), p.r_crest);
        m_b.MakeVertex(m_vbl, gp_Pnt(p.r_base, 0, z0 - p.half_base), tol);
        m_b.MakeVertex(m_vbu, gp_Pnt(p.r_base, 0, z0 + p.half_base), tol);
        m_b.MakeVertex(m_vcl, gp_Pnt(p.r_crest, 0, z0 - p.half_crest), tol);
        m_b.MakeVertex(m_vcu, gp_Pnt(p.r_crest, 0, z0 + p.half_crest), tol);
        m_hbl = helix(m_base, z0 - p.half_base, m_vbl);
        m_hbu = helix(m_base, z0 + p.half_base, m_vbu);
        m_hcl = helix(m_crest, z0 - p.half_crest, m_vcl);
        m_hcu = helix(m_crest, z0 + p.half_crest, m_vcu);
        m_eb = axial(m_base, p.r_base, z0 - p.half_base, z0 + p.half_base, m_vbl, m_vbu);
        m_ec = axial(m_crest, p.r_crest, z0 - p.half_crest, z0 + p.half_crest, m_vcl, m_vcu);
    }

    Turn build(const std::string& op) {
        TopoDS_Edge lower_seg, upper_seg;
        Handle(Geom_Surface) lower = flank(m_hbl, m_hcl, m_vbl, m_vcl, lower_seg, op);
        Handle(Geom_Surface) upper = flank(m_hbu, m_hcu, m_vbu, m_vcu, upper_seg, op);
        const bool left = m_du < 0; // the cylinders' (u, v) loops turn the other way
        auto radial = [](const gp_Pnt& q) { return gp_Vec(q.X(), q.Y(), 0); };
        Turn t;
        t.faces[0] = oriented(face(m_base, m_hbl, m_hbu, m_eb, left),
                              [&](const gp_Pnt& q) { return -radial(q); });
        t.faces[1] = oriented(face(m_crest, m_hcl, m_hcu, m_ec, left), radial);
        t.faces[2] = oriented(face(lower, m_hbl, m_hcl, lower_seg, false),
                              [](const gp_Pnt&) { return gp_Vec(0, 0, -1); });
        t.faces[3] = oriented(face(upper, m_hbu, m_hcu, upper_seg, false),
                              [](const gp_Pnt&) { return gp_Vec(0, 0, 1); });
        TopoDS_Wire w;
        m_b.MakeWire(w);
        m_b.Add(w, m_eb);
        m_b.Add(w, upper_seg);
        m_b.Add(w, m_ec.Reversed());
        m_b.Add(w, lower_seg.Reversed());
        BRepBuilderAPI_MakeFace cap(w, /*OnlyPlane=*/true);
        // The start cap faces backwards along the helix.
        t.cap = oriented(TopoDS::Face(built(cap, op)),
                         [&](const gp_Pnt&) { return gp_Vec(0, m_du > 0 ? -1 : 1, 0); });
        return t;
    }

private:
    /// One turn of the helix at height z (at angle 0) on `cyl`, as a straight
    /// line in the cylinder's (u, v) space from `v` to `v` moved by a step.
    TopoDS_Edge helix(const Handle(Geom_CylindricalSurface)& cyl, double z, const TopoDS_Vertex& v) {
        Handle(Geom2d_Line) line = new Geom2d_Line(gp_Pnt2d(m_u0, z), gp_Dir2d(m_du, m_pitch));
        BRepBuilderAPI_MakeEdge edge(line, cyl, v, TopoDS::Vertex(v.Moved(m_step)), 0, length());
        TopoDS_Edge e = edge.Edge();
        // One turn per edge: BuildCurves3d's default segment limit is plenty
        // (a single edge of many turns would silently bend). It gives one
        // span of degree 14, which the booleans evaluate fastest.
        BRepLib::BuildCurves3d(e, tol);
        return e;
    }

    /// The profile's edge at angle 0 along the cylinder `cyl` (radius r),
    /// with its pcurves at u = 0 and, moved by a step, at u = ±2π.
    TopoDS_Edge axial(const Handle(Geom_CylindricalSurface)& cyl, double r, double za, double zb,
                      const TopoDS_Vertex& a, const TopoDS_Vertex& b) {
        TopoDS_Edge e;
        m_b.MakeEdge(e, new Geom_Line(gp_Pnt(r, 0, za), gp::DZ()), tol);
        m_b.Add(e, a.Oriented(TopAbs_FORWARD));
        m_b.Add(e, b.Oriented(TopAbs_REVERSED));
        m_b.Range(e, 0, zb - za);
        m_b.UpdateEdge(e, new Geom2d_Line(gp_Pnt2d(m_u0, za), gp::DY2d()), cyl, TopLoc_Location(), tol);
        m_b.UpdateEdge(TopoDS::Edge(e.Moved(m_step)),
                       new Geom2d_Line(gp_Pnt2d(m_u0 + m_du, za + m_pitch), gp::DY2d()), cyl,
                       TopLoc_Location(), tol);
        m_b.Range(e, cyl, TopLoc_Location(), 0, zb - za);
        return e;
    }

    /// The ruled flank between base helix `hb` and crest helix `hc`; `seg`
    /// becomes its straight edge at angle 0 (from `a` on the base to `b`).
    Handle(Geom_Surface) flank(const TopoDS_Edge& hb, const TopoDS_Edge& hc, const TopoDS_Vertex& a,
                               const TopoDS_Vertex& b, TopoDS_Edge& seg, const std::string& op) {
        double f, l;
        Handle(Geom_Curve) cb = BRep_Tool::Curve(hb, f, l), cc = BRep_Tool::Curve(hc, f, l);
        if (cb.IsNull() || cc.IsNull())
            throw Error(op, "", op + ": OCCT could not build the helix");
        Handle(Geom_Surface) s = GeomFill::Surface(new Geom_TrimmedCurve(cb, 0, length()),
                                                   new Geom_TrimmedCurve(cc, 0, length()));
        double u1, u2, v1, v2;
        s->Bounds(u1, u2, v1, v2);
        m_b.MakeEdge(seg, s->UIso(u1), tol);
        m_b.Add(seg, a.Oriented(TopAbs_FORWARD));
        m_b.Add(seg, b.Oriented(TopAbs_REVERSED));
        m_b.Range(seg, v1, v2);
        m_b.UpdateEdge(seg, new Geom2d_Line(gp_Pnt2d(u1, 0), gp::DY2d()), s, TopLoc_Location(), tol);
        m_b.UpdateEdge(TopoDS::Edge(seg.Moved(m_step)), new Geom2d_Line(gp_Pnt2d(u2, 0), gp::DY2d()),
                       s, TopLoc_Location(), tol);
        m_b.Range(seg, s, TopLoc_Location(), v1, v2);
        m_b.UpdateEdge(hb, new Geom2d_Line(gp_Pnt2d(0, v1), gp::DX2d()), s, TopLoc_Location(), tol);
        m_b.UpdateEdge(hc, new Geom2d_Line(gp_Pnt2d(0, v2), gp::DX2d()), s, TopLoc_Location(), tol);
        return s;
    }

    /// The face on `s` bounded by `bottom` (start to end), the side edge at
    /// the end (`side` moved by a step), `top` backwards and `side` backwards:
    /// counter-clockwise in (u, v) unless the loop runs towards -u.
    TopoDS_Face face(const Handle(Geom_Surface)& s, const TopoDS_Edge& bottom, const TopoDS_Edge& top,
                     const TopoDS_Edge& side, bool reverse_loop) {
        TopoDS_Wire w;
        m_b.MakeWire(w);
        m_b.Add(w, bottom);
        m_b.Add(w, side.Moved(m_step));
        m_b.Add(w, top.Reversed());
        m_b.Add(w, side.Reversed());
        w.Closed(true);
        if (reverse_loop)
            w.Reverse();
        TopoDS_Face f;
        m_b.MakeFace(f, s, tol);
        m_b.Add(f, w);
        return f;
    }

    /// `f`, reversed if its normal at the middle of its parameters does not
    /// point along `outward` (the direction out of the tooth there).
    template <class Outward> static TopoDS_Face oriented(const TopoDS_Face& f, Outward outward) {
        BRepAdaptor_Surface a(f, /*Restriction=*/false);
        const double u = (a.FirstUParameter() + a.LastUParameter()) / 2;
        const double v = (a.FirstVParameter() + a.LastVParameter()) / 2;
        gp_Pnt q;
        gp_Vec du, dv;
        a.D1(u, v, q, du, dv);
        return du.Crossed(dv).Dot(outward(q)) < 0 ? TopoDS::Face(f.Reversed()) : f;
    }

    double length() const { return std::hypot(m_du, m_pitch); }

    BRep_Builder m_b;
    double m_pitch, m_u0, m_du;
    TopLoc_Location m_step;
    Handle(Geom_CylindricalSurface) m_base, m_crest;
    TopoDS_Vertex m_vbl, m_vbu, m_vcl, m_vcu;
    TopoDS_Edge m_hbl, m_hbu, m_hcl, m_hcu, m_eb, m_ec;
};

/// The tooth swept along `turns` turns of the helix, as one solid: the
/// turn's faces moved by step^k, closed by the start cap and the end cap (the
/// start cap moved by step^turns, reversed). The turns start at angle π, with
/// the tooth centre at z0 there: a core's seam (at angle 0) then crosses the
/// middle of the faces, not the edges between turns, which the fuse does
/// faster. With the validity policy on, its volume is remembered for the
/// checks of the booleans on it: `turns` times that of one turn closed by its
/// caps (the copies' cap terms cancel), in closed form: no face of the coil is
/// integrated however long the thread.
TopoDS_Solid coil(const Profile& p, double z0, int turns, double pitch, bool left_hand,
                  const std::string& op) {
    gp_Trsf t;
    t.SetTranslation(gp_Vec(0, 0, pitch));
    // Powers of one location compose exactly (step^k * step = step^(k+1)):
    // the end edges of turn k are the start edges of turn k + 1.
    const TopLoc_Location step(t);
    Turn turn = TurnBuilder(p, z0, pitch, left_hand, step).build(op);
    BRep_Builder b;
    TopoDS_Shell shell;
    b.MakeShell(shell);
    for (int k = 0; k < turns; ++k) {
        const TopLoc_Location at = step.Powered(k);
        for (const TopoDS_Face& f : turn.faces)
            b.Add(shell, f.Moved(at));
    }
    b.Add(shell, turn.cap);
    b.Add(shell, turn.cap.Reversed().Moved(step.Powered(turns)));
    shell.Closed(true);
    TopoDS_Solid solid;
    b.MakeSolid(solid);
    b.Add(solid, shell);
    gp_Trsf half_turn;
    half_turn.SetRotation(gp::OZ(), M_PI);
    solid = TopoDS::Solid(solid.Moved(TopLoc_Location(half_turn)));
    if (validity_policy_on()) {
        // One turn closed by its caps holds the profile revolved once (the
        // helical shear moves material along the axis only): Pappus, with
        // the trapezoid's area and centroid. Its faces lie within `tol` of
        // the exact ones, which bounds the difference by tol times their area
        // (the profile's perimeter along the longest helix).
        const double h = p.r_crest - p.r_base, a = 2 * p.half_base, c = 2 * p.half_crest;
        const double area = (a + c) * h / 2;
        const double r_bar = p.r_base + h * (a + 2 * c) / (3 * (a + c));
        const double perimeter = a + c + 2 * std::hypot(h, p.half_base - p.half_crest);
        const double one = 2 * M_PI * r_bar * area;
        const double error = tol * perimeter * std::hypot(2 * M_PI * p.r_crest, pitch);
        // Trusted only once one closed turn, as built, integrates to it: an
        // inside-out turn (a face oriented wrongly) would otherwise pass the
        // sign test with this positive figure.
        TopoDS_Compound closed_turn;
        b.MakeCompound(closed_turn);
        for (const TopoDS_Face& f : turn.faces) b.Add(closed_turn, f);
        b.Add(closed_turn, turn.cap);
        b.Add(closed_turn, turn.cap.Reversed().Moved(step));
        const Volume built = integrated_volume(closed_turn);
        if (std::abs(built.value - one) > 1e-3 * one + built.error + error)
            throw Error(op, "", fmt::format("{}: one turn of the thread encloses {:.6g} mm³, not the {:.6g} "
                                            "its profile gives (a face is inside out)",
                                            op, built.value, one));
        remember_volume(solid, {turns * one, turns * error});
    }
    return solid;
}

/// dz/dr of an end's cone; 0 = square (no cone).
double end_slope(ThreadEnd e, double pitch, double r_start, double r_full) {
    switch (e) {
    case ThreadEnd::chamfered:
        return 1.0;
    case ThreadEnd::faded:
        return fade_pitches * pitch / (r_full - r_start);
    case ThreadEnd::square:
        break;
    }
    return 0.0;
}

/// What the start of the thread loses: the solid of revolution under the
/// plane z = 0, or under the cone rising from (r_start, 0) with slope k,
/// from z = -depth and out to r_out. The end's cutter is its mirror at z = L.
TopoDS_Shape cutter(double r_start, double r_out, double k, double depth, bool at_end,
                    double length, const std::string& op) {
    std::vector<gp_Pnt2d> pts{{0, -depth}, {r_out, -depth}};
    if (k > 0) {
        pts.push_back({r_out, (r_out - r_start) * k});
        pts.push_back({r_start, 0});
    } else {
        pts.push_back({r_out, 0});
    }
    pts.push_back({0, 0});
    BRepBuilderAPI_MakePolygon poly;
    for (const gp_Pnt2d& q : pts)
        poly.Add(gp_Pnt(q.X(), 0, at_end ? length - q.Y() : q.Y()));
    poly.Close();
    BRepBuilderAPI_MakeFace face(TopoDS::Wire(built(poly, op)), /*OnlyPlane=*/true);
    BRepPrimAPI_MakeRevol revol(built(face, op), gp::OZ(), 2 * M_PI);
    return built(revol, op);
}

TopoDS_Shape compute_thread(const OpContext& c) {
    const std::string& op = c.op();
    namespace k = params::thread;
    const double d = c[k::diameter], pitch = c[k::pitch], length = c[k::length];
    const bool internal = c[k::internal];
    const Profile p = thread_profile(d, pitch, internal, c[k::clearance]);

    // Tooth centres from -P/2 at angle π (so at kP at angle 0, either hand)
    // up: at every angle the teeth that reach into [0, length] (half-widths
    // under P/2) are there and the turns beyond lie wholly outside, so the
    // cutters meet a regular thread.
    const int turns = int(std::ceil(length / pitch + 2));
    TopoDS_Solid coil_solid = coil(p, -pitch / 2, turns, pitch, c[k::left_hand], op);

    // Cones start halfway between the minor radius and H/8 inside it: they
    // cross the shank (or bore) surface transversally just inside the end
    // plane, where the tooth ends.
    const double r_start = p.r_minor - sqrt3 / 2 * pitch / 16;
    const double r_out = p.r_crest + pitch / 4;
    const double depth = 4 * pitch; // well past the coil, which stays within (-P, L + 3P)
    TopTools_ListOfShape args, tools;
    args.Append(coil_solid);
    for (bool at_end : {false, true}) {
        const ThreadEnd e = at_end ? c[k::end] : c[k::start];
        tools.Append(cutter(r_start, r_out, end_slope(e, pitch, r_start, p.r_crest), depth, at_end,
                            length, op));
    }
    BRepAlgoAPI_Cut cut;
    cut.SetArguments(args);
    cut.SetTools(tools);
    cut.SetRunParallel(true); // the thread -> fuse chain is serial: use the idle core
    cut.Build(c.progress);
    check_done(cut, op);
    // Checked like any cut: integrates the end turns only (the coil's volume
    // is known), and leaves the thread's volume for the fuse with its core.
    std::vector<TopoDS_Shape> operands{coil_solid};
    for (const TopoDS_Shape& t : tools) operands.push_back(t);
    check_boolean_result(BooleanKind::cut, operands, cut.Shape(), c);
    return cut.Shape();
}

const Compute thread_compute{params::thread::op, compute_thread};

} // namespace

} // namespace lazycad::detail
