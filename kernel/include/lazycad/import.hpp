#pragma once
// Shapes made elsewhere (a vendor's STEP part, a BRep from another tool) as
// lazy nodes keyed by the SHA-256 of the file's bytes: an unchanged file is a
// cache hit, an edited one recomputes exactly what is built on it.

#include <string>

#include "shape.hpp"

namespace lazycad {

/// Read a STEP file (.step/.stp). A relative path is taken from the folder of
/// the running model script (else the working folder). The file is read and
/// hashed now; it is parsed when the shape is first needed, and the result is
/// cached like any expensive operation. Throws Error naming the path if the
/// file is missing or unreadable, and, when evaluated, if it holds no shape.
Shape import_step(const std::string& path);

/// Read an OCCT BRep file (text or binary), as import_step() does.
Shape import_brep(const std::string& path);

} // namespace lazycad
