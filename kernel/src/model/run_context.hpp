#pragma once
// What the kernel knows of the script run in progress on this thread.

#include <string>

namespace lazycad::detail {

/// The fingerprint of the running script's code (run_model's argument), or ""
/// outside a script run.
std::string current_code_fingerprint();

} // namespace lazycad::detail
