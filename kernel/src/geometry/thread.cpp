// ISO metric threads (ISO 68-1 basic profile).
//
// Construction. In the half-plane through the axis the tooth is a trapezoid:
// its base on a cylinder of radius r_base, its crest on a cylinder of radius
// r_crest, flanks at 30° to the radial direction. Swept along one turn of the
// helix it bounds four faces: the base and the crest lie on exact cylinders,
// each between two helices drawn as straight 2D lines in the cylinder's
// (u, v) space; the two flanks are ruled surfaces between a base helix and a
// crest helix at the same angle, which is exactly the helicoid of the
// straight flank. BRepOffsetAPI_ThruSections (ruled, solid) between the base
// and the crest wires builds those flanks and the planar end caps, as in
// OCCT's bottle tutorial. A coil of n turns is that turn's four side faces
// moved by exact translations of k pitches and sewn, closed by one start and
// one end cap: every face stays within one turn, the helix approximation
// never degrades with length (no BuildCurves3d segment limit), and the BRep
// shares one set of surfaces between all turns.
//
// The coil is built two pitches longer than asked at both ends and then cut
// by one solid of revolution (BRepAlgoAPI_Common) that gives the ends: flat
// planes (square), 45° cones (chamfered) or shallow cones over 2.5 P
// (faded). Those cones start inside the minor diameter, so the thread always
// disappears into the shank or the bore, with no sliver at the stop.
//
// Left-hand threads are the right-hand ones mirrored in the XZ plane, which
// keeps the phase (tooth centre on +X at z = kP) and makes them exact mirror
// images.

#include <algorithm>
#include <cmath>
#include <vector>

#include <BRepAlgoAPI_Common.hxx>
#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepBuilderAPI_MakePolygon.hxx>
#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <BRepBuilderAPI_Sewing.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRepLib.hxx>
#include <BRepOffsetAPI_ThruSections.hxx>
#include <BRepPrimAPI_MakeRevol.hxx>
#include <BRepTools_WireExplorer.hxx>
#include <BRep_Builder.hxx>
#include <GCE2d_MakeSegment.hxx>
#include <Geom_CylindricalSurface.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Iterator.hxx>
#include <TopoDS_Solid.hxx>
#include <gp_Ax3.hxx>
#include <gp_Trsf.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/thread.hpp"
#include "ops/thread_table.hpp"
#include "params/thread.hpp"

namespace lazycad::detail {

namespace {

constexpr double sqrt3 = 1.7320508075688772;
constexpr double fade_pitches = 2.5; // ISO 4755 normal runout x = 2.5 P

/// The tooth (external) or groove (internal) in the axial half-plane.
struct Profile {
    double r_minor;    ///< d1/2 = D1/2: where the shank or the bore ends
    double r_base;     ///< inner edge of the solid, inside the shank / bore
    double r_crest;    ///< outer edge of the solid
    double half_base;  ///< axial half-width at r_base
    double half_crest; ///< axial half-width at r_crest
};

Profile thread_profile(double d, double pitch, bool internal, double clearance) {
    const double H = sqrt3 / 2 * pitch;
    const double r_minor = d / 2 - 5 * H / 8;
    // Basic half-width of the tooth at radius r: 3P/8 at d1/2, P/16 at d/2
    // (a flank advances tan 30° = 1/sqrt3 axially per unit of radius).
    auto half = [&](double r) { return 3 * pitch / 8 - (r - r_minor) / sqrt3; };
    Profile p{};
    p.r_minor = r_minor;
    if (!internal) {
        p.r_base = r_minor - H / 8; // overlap with the shank: fuse, don't touch
        p.r_crest = d / 2;
        p.half_base = half(p.r_base); // 7P/16: neighbouring turns stay P/8 apart
        p.half_crest = half(p.r_crest);
    } else {
        p.r_base = r_minor - H / 16; // overlap with the bore
        p.r_crest = d / 2 + H / 16;  // root beyond D, flat P/16 + 2c wide
        p.half_base = half(p.r_base) + clearance;
        p.half_crest = half(p.r_crest) + clearance;
    }
    return p;
}

/// Closed wire on the cylinder of radius `r`: the band |z - zc(u)| <= half
/// around the helix zc(u) = z0 + pitch u / 2π for one turn, u in [0, 2π]:
/// lower helix, end line (u = 2π), upper helix, start line.
TopoDS_Wire helical_band(double r, double half, double z0, double pitch, const std::string& op) {
    Handle(Geom_CylindricalSurface) cyl = new Geom_CylindricalSurface(gp_Ax3(gp::XOY()), r);
    const double u1 = 2 * M_PI, z1 = z0 + pitch;
    const gp_Pnt2d a(0, z0 - half), b(u1, z1 - half), c(u1, z1 + half), e(0, z0 + half);
    BRepBuilderAPI_MakeWire wire;
    for (auto [p, q] : {std::pair{a, b}, {b, c}, {c, e}, {e, a}}) {
        Handle(Geom2d_TrimmedCurve) seg = GCE2d_MakeSegment(p, q).Value();
        BRepBuilderAPI_MakeEdge edge(seg, cyl);
        wire.Add(TopoDS::Edge(built(edge, op)));
    }
    TopoDS_Wire w = TopoDS::Wire(built(wire, op));
    // One turn only: BuildCurves3d's default of at most 30 segments is plenty
    // here (with many turns on one edge it silently bends long helices).
    if (!BRepLib::BuildCurves3d(w, 1e-7))
        throw Error(op, "", op + ": OCCT could not build the helix");
    return w;
}

/// The tooth swept along `turns` turns of the helix from z0, as one solid.
/// One turn is lofted; the coil is that turn's side faces repeated by exact
/// translations of k pitches, closed by the first start cap and the last end
/// cap, and sewn. Keeping every face within one turn matters: faces that wind
/// several times round a periodic cylinder defeat BRepGProp (volume off by
/// half) and slow the booleans down.
TopoDS_Solid coil(const Profile& p, double z0, int turns, double pitch, bool left_hand,
                  const std::string& op) {
    const TopoDS_Wire base = helical_band(p.r_base, p.half_base, z0, pitch, op);
    const TopoDS_Wire crest = helical_band(p.r_crest, p.half_crest, z0, pitch, op);
    BRepOffsetAPI_ThruSections loft(/*isSolid=*/true, /*ruled=*/true, 1e-7);
    loft.CheckCompatibility(false); // the two wires are built edge for edge alike
    loft.AddWire(base);
    loft.AddWire(crest);
    built(loft, op);
    // The wire's edges in order (MakeWire may have copied them to share vertices).
    std::vector<TopoDS_Edge> edges;
    for (BRepTools_WireExplorer it(base); it.More(); it.Next())
        edges.push_back(it.Current());
    if (edges.size() != 4)
        throw Error(op, "", op + ": unexpected thread profile wire");

    // Faces in a fixed order: the caps (lofted from the straight edges) last.
    TopoDS_Compound turn;
    BRep_Builder bb;
    bb.MakeCompound(turn);
    bb.Add(turn, loft.FirstShape()); // the base, on its cylinder
    bb.Add(turn, loft.LastShape());  // the crest
    bb.Add(turn, loft.GeneratedFace(edges[0]));
    bb.Add(turn, loft.GeneratedFace(edges[2]));
    bb.Add(turn, loft.GeneratedFace(edges[3])); // start cap, u = 0
    bb.Add(turn, loft.GeneratedFace(edges[1])); // end cap, u = 2π
    TopoDS_Shape faces = turn;
    if (left_hand) {
        gp_Trsf m;
        m.SetMirror(gp_Ax2(gp::Origin(), gp::DY()));
        BRepBuilderAPI_Transform mirror(turn, m, /*copy=*/true);
        faces = built(mirror, op);
    }
    std::vector<TopoDS_Shape> f;
    for (TopoDS_Iterator it(faces); it.More(); it.Next())
        f.push_back(it.Value());
    if (f.size() != 6 || f[0].ShapeType() != TopAbs_FACE)
        throw Error(op, "", op + ": unexpected loft of the thread profile");

    BRepBuilderAPI_Sewing sewing(1e-6);
    auto moved = [&](const TopoDS_Shape& s, int k) {
        gp_Trsf t;
        t.SetTranslation(gp_Vec(0, 0, k * pitch));
        return s.Moved(TopLoc_Location(t));
    };
    for (int k = 0; k < turns; ++k)
        for (int i = 0; i < 4; ++i)
            sewing.Add(moved(f[i], k));
    sewing.Add(f[4]);
    sewing.Add(moved(f[5], turns - 1));
    sewing.Perform();
    if (sewing.NbFreeEdges() != 0)
        throw Error(op, "", op + ": the turns of the thread did not sew into a closed shell");
    TopExp_Explorer shells(sewing.SewedShape(), TopAbs_SHELL);
    if (!shells.More())
        throw Error(op, "", op + ": sewing the thread gave no shell");
    BRepBuilderAPI_MakeSolid make_solid(TopoDS::Shell(shells.Current()));
    TopoDS_Solid solid = TopoDS::Solid(built(make_solid, op));
    BRepLib::OrientClosedSolid(solid);
    return solid;
}

/// The half-profile of the trimming solid of revolution, as (r, z) points:
/// radius g(z) = min(r_out, start cone, end cone) for z in [0, length].
std::vector<gp_Pnt2d> trim_outline(double length, double r_start, double r_out, double r_full,
                                   double pitch, ThreadEnd start, ThreadEnd end) {
    // dz/dr of each end's cone; 0 = square (no cone).
    auto slope = [&](ThreadEnd e) {
        switch (e) {
        case ThreadEnd::chamfered:
            return 1.0;
        case ThreadEnd::faded:
            return fade_pitches * pitch / (r_full - r_start);
        case ThreadEnd::square:
            break;
        }
        return 0.0;
    };
    const double ks = slope(start), ke = slope(end);
    auto g = [&](double z) {
        double r = r_out;
        if (ks > 0)
            r = std::min(r, r_start + z / ks);
        if (ke > 0)
            r = std::min(r, r_start + (length - z) / ke);
        return r;
    };
    std::vector<double> zs{0, length};
    if (ks > 0)
        zs.push_back((r_out - r_start) * ks);
    if (ke > 0)
        zs.push_back(length - (r_out - r_start) * ke);
    if (ks > 0 && ke > 0)
        zs.push_back(length * ks / (ks + ke)); // the cones meet
    std::sort(zs.begin(), zs.end());
    std::vector<gp_Pnt2d> pts{{0, 0}};
    for (double z : zs) {
        if (z < 0 || z > length)
            continue;
        gp_Pnt2d p(g(z), z);
        if (p.Distance(pts.back()) < 1e-9)
            continue;
        // drop the middle of three collinear points (one cone face, not two)
        if (pts.size() >= 2) {
            gp_Vec2d u(pts[pts.size() - 2], pts.back()), v(pts.back(), p);
            if (std::abs(u.Crossed(v)) < 1e-12 * u.Magnitude() * v.Magnitude())
                pts.pop_back();
        }
        pts.push_back(p);
    }
    pts.push_back({0, length});
    return pts;
}

TopoDS_Shape revolve_outline(const std::vector<gp_Pnt2d>& pts, const std::string& op) {
    BRepBuilderAPI_MakePolygon poly;
    for (const gp_Pnt2d& p : pts)
        poly.Add(gp_Pnt(p.X(), 0, p.Y()));
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

    // Two spare pitches at each end: at every angle the first and last turns
    // then lie wholly outside [0, length] and the trim sees a regular thread.
    const int turns = int(std::ceil(length / pitch)) + 4;
    TopoDS_Solid coil_solid = coil(p, -2 * pitch, turns, pitch, c[k::left_hand], op);

    // Cones start halfway between r_base and the minor radius: they cross the
    // shank (or bore) surface transversally just inside the end plane.
    const double r_start = (p.r_base + p.r_minor) / 2;
    const double r_out = p.r_crest + pitch / 4;
    TopoDS_Shape trim =
        revolve_outline(trim_outline(length, r_start, r_out, p.r_crest, pitch,
                                     c[k::start], c[k::end]),
                        op);
    BRepAlgoAPI_Common common(coil_solid, trim, c.progress);
    check_done(common, op);
    return common.Shape();
}

const Compute thread_compute{params::thread::op, compute_thread};

} // namespace

} // namespace lazycad::detail
