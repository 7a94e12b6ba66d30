#pragma once
// What the kernel knows of the script run in progress on this thread.

#include <string>

namespace lazycad::detail {

/// The fingerprint of the running script's code (run_model's argument), or ""
/// outside a script run.
std::string current_code_fingerprint();

/// The folder of the running script (run_model's argument), or "" outside a
/// script run: where import_step() and import_brep() find relative paths.
std::string current_script_folder();

} // namespace lazycad::detail
