#pragma once
// Writing results to files. Each function evaluates what it needs first.

#include <string>
#include <vector>

#include "evaluate.hpp"
#include "model.hpp"

namespace lazycad {

struct ExportOptions {
    /// Linear deflection for meshed formats (STL, glTF), mm.
    double tolerance = 0.01;
    /// Angular deflection for meshed formats, radians.
    double angular_tolerance = 0.2;
    EvalOptions eval;
};

/// Export by extension: .step/.stp (with colours and names), .stl, .brep, .glb.
/// Several shapes go into one file. Throws Error on an unknown extension or I/O failure.
void export_file(const std::vector<Displayed>& shapes, const std::string& path,
                 const ExportOptions& options = {});

} // namespace lazycad
