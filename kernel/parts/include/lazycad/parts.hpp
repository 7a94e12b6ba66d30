#pragma once
// lazycad's parts library (liblazycad-parts, lazycad::parts): standard parts
// built only on the public API, as a user's own library would be. Model
// scripts link it by default; include this header to use it.
//
//     Shape b = bolt("M8", 30) + nut("M8").up(12) + washer("M8").up(10);

#include <string>

#include <lazycad/shape.hpp>

namespace lazycad {

/// Hex bolt of size `size` ("M10", or fine "M10x1.25"), fully threaded
/// (ISO 4017 shape, ISO 4014/4017 head across flats s
/// and height k): the tip at z = 0, the shank up to z = length, the head from
/// z = length to length + k. The thread has a chamfered tip and fades out
/// under the head. `chamfer_head` bevels the head's top corners at 30°.
/// Throws Error ("bolt", "size" / "length").
Shape bolt(const std::string& size, double length, bool chamfer_head = true);
/// Hex nut (ISO 4032 height m), from z = 0 to z = m, threaded through with a
/// 0.02 mm running clearance; both faces chamfered at 30° if `chamfer`.
/// A bolt() meshes with it when the nut is moved up by a whole number of pitches.
/// Throws Error ("nut", "size").
Shape nut(const std::string& size, bool chamfer = true);
/// Plain washer (ISO 7089, normal series) for `size` ("M8"; a fine size has
/// its diameter's washer), from z = 0 to its thickness h, centred on the Z
/// axis. Throws Error ("washer", "size").
Shape washer(const std::string& size);

/// ISO 4014/4032 hex dimensions of a size, mm (a fine size, "M10x1.25", has
/// those of its diameter, as ISO 8765/8673 bolts and nuts do).
struct HexDimensions {
    double across_flats; ///< s
    double head_height;  ///< k (bolt head)
    double nut_height;   ///< m (ISO 4032 nut)
};
/// Throws Error (operation `op`, parameter "size") for sizes without ISO hex data.
HexDimensions iso_hex_dimensions(const std::string& size, const char* op = "bolt");

/// ISO 7089 washer dimensions, mm.
struct WasherDimensions {
    double inner_diameter; ///< d1
    double outer_diameter; ///< d2
    double thickness;      ///< h
};
/// Throws Error (operation "washer", parameter "size") for sizes ISO 7089 lacks.
WasherDimensions iso_washer_dimensions(const std::string& size);

} // namespace lazycad
