#pragma once
// Parameters of import_step and import_brep.
// Written by ops/import.cpp; the parse closure reads none (see graph/param_key.hpp). The
// names are those the node keys have always held: renaming one changes keys.

#include "graph/param_key.hpp"

namespace lazycad::detail::params::import_file {

inline constexpr char step_op[] = "import_step";
inline constexpr char brep_op[] = "import_brep";
/// The hex SHA-256 of the file's bytes (not its path).
inline constexpr ParamKey<std::string> sha256{"sha256"};

} // namespace lazycad::detail::params::import_file
