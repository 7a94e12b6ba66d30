#pragma once
// Holes and patterns. Fillet, chamfer, shell and offset are Shape methods.
// (Filled in by the operations issue.)

#include "shape.hpp"
