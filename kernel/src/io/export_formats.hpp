#pragma once
// Shared pieces of the exporters (kernel/src/io/).

#include <string>
#include <vector>

#include <TDocStd_Document.hxx>
#include <TopoDS_Compound.hxx>
#include <TopoDS_Shape.hxx>

#include "lazycad/export.hpp"

namespace lazycad::detail {

/// export_file() once its arguments are checked: `ext` is the lower-case
/// extension of `path`, one export_file() accepts.
void write_export(const std::vector<Displayed>& shapes, const std::string& path,
                  const std::string& ext, const ExportOptions& options);

std::vector<TopoDS_Shape> evaluated(const std::vector<Displayed>& shapes, const EvalOptions& o);
TopoDS_Compound compound_of(const std::vector<TopoDS_Shape>& shapes);
/// An XCAF document with one labelled, named, coloured shape per displayed shape.
Handle(TDocStd_Document) make_xcaf_document(const std::vector<Displayed>& shapes,
                                            const std::vector<TopoDS_Shape>& built);
/// Triangulate in place with the export tolerances.
void mesh(const TopoDS_Shape& s, const ExportOptions& o);
std::string display_name(const Displayed& d, std::size_t index);
/// Re-computes, in place, the approximated edges of `s` between two faces
/// whose curves stray more than 5e-8 from the faces: the 3D curve and both
/// curves on faces become one approximation (1e-8) of where the surfaces
/// truly meet, or stay as they were where that fails or is not closer.
void refit_intersection_edges(const TopoDS_Shape& s);
/// The copy of `s` the STEP writer writes, its curves re-fitted so that a
/// reader, who gets no tolerances, finds its edges on their faces.
TopoDS_Shape for_step(const TopoDS_Shape& s);

void write_glb(const std::vector<Displayed>& shapes, const std::vector<TopoDS_Shape>& built,
               const std::string& path, const ExportOptions& options);

} // namespace lazycad::detail
