#pragma once
// 2D shapes, wires and text in the XY plane; the operations that turn them into
// solids (extrude, revolve, sweep, loft, pipe) and the helix path.
// (Filled in by the operations issue.)

#include "shape.hpp"
