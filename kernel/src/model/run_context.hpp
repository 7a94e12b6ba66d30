#pragma once
// What the kernel knows of the script run in progress on this thread.

#include <string>

#include "lazycad/evaluate.hpp"

namespace lazycad::detail {

/// The fingerprint of the running script's code (run_model's argument), or ""
/// outside a script run.
std::string current_code_fingerprint();

/// The folder of the running script (run_model's argument), or "" outside a
/// script run: where import_step() and import_brep() find relative paths.
std::string current_script_folder();

/// The evaluation options of the script run in progress (run_model's), or
/// nullptr outside a run or when the run gave none: what measurements use
/// when called without options.
const EvalOptions* current_eval_options();

/// Add the figures of a measurement's evaluation to the running script's
/// ModelResult::measured (nothing outside a run).
void add_measured_stats(const Stats& s);

} // namespace lazycad::detail
