#pragma once
// The one include of a model script. It does not include OCCT (see occt.hpp).

#include "cache.hpp"
#include "error.hpp"
#include "evaluate.hpp"
#include "export.hpp"
#include "features.hpp"
#include "import.hpp"
#include "geometry.hpp"
#include "measure.hpp"
#include "model.hpp"
#include "pen.hpp"
#include "selection.hpp"
#include "shape.hpp"
#include "sketch.hpp"
#include "thread.hpp"
#include "units.hpp"
#include "value.hpp"
