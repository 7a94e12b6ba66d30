#pragma once
// ISO metric threads, bolts and nuts.
// (Filled in by the operations issue.)

#include "shape.hpp"
