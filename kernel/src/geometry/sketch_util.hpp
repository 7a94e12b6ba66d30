#pragma once
// Helpers shared by the 2D and sweep operations: reading wires and faces out
// of evaluated inputs, and the geometric checks that need evaluated geometry.

#include <functional>
#include <string>
#include <vector>

#include <Message_ProgressRange.hxx>
#include <TopoDS_Face.hxx>
#include <TopoDS_Shape.hxx>
#include <TopoDS_Wire.hxx>

namespace lazycad::detail {

/// The input as one wire: a wire, an edge, a face's outer wire, or the edges of a
/// compound joined in order. Throws Error(op, param) otherwise.
TopoDS_Wire as_wire(const TopoDS_Shape& s, const std::string& op, const char* param);

/// `s` with neighbouring coplanar faces merged into one: a 2D union (`a + b` of
/// two overlapping faces) comes out of the boolean as several faces sharing
/// edges, which would extrude to several solids and fillet at false corners.
TopoDS_Shape merge_coplanar_faces(const TopoDS_Shape& s);

/// The faces of `s`, in exploration order (empty if it has none).
std::vector<TopoDS_Face> faces_of(const TopoDS_Shape& s);

/// The faces of `s`; throws Error(op, param, "needs a face") if there are none.
std::vector<TopoDS_Face> require_faces(const TopoDS_Shape& s, const std::string& op,
                                       const char* param);

/// Throws Error(op, param) if the wire crosses itself.
void require_simple(const TopoDS_Wire& w, const std::string& op, const char* param);

/// Smallest radius of curvature along the wire's edges (straight edges: infinite).
double min_curvature_radius(const TopoDS_Wire& w);

/// A solid from a face: `make_one` turns its outer wire and each hole's wire into a
/// solid, and the holes' solids are cut from the outer one (errors name `op`).
TopoDS_Shape solid_with_holes(const TopoDS_Face& f,
                              const std::function<TopoDS_Shape(const TopoDS_Wire&)>& make_one,
                              const std::string& op);

/// How a swept profile turns along its path.
enum class Trihedron { corrected_frenet, frenet, discrete };

/// Whether consecutive edges of `w` meet at an angle (a C0 join).
bool has_sharp_corner(const TopoDS_Wire& w);

/// Sweep `profile` along `spine` with BRepOffsetAPI_MakePipeShell (round joints at
/// sharp corners), closing it into a solid if `solid`. Each of `modes` is tried in
/// order until one builds: OCCT 7.6's corrected Frenet frame fails on helices of
/// more than a few turns, where the discrete frame (its piecewise equivalent) works.
TopoDS_Shape pipe_shell(const TopoDS_Wire& spine, const TopoDS_Wire& profile,
                        const std::vector<Trihedron>& modes, bool solid,
                        const Message_ProgressRange& progress, const std::string& op);

/// Put several solids into one compound (or return the only one).
TopoDS_Shape group_parts(const std::vector<TopoDS_Shape>& parts);

} // namespace lazycad::detail
