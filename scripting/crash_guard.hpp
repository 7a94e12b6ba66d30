#pragma once
// A crash in user code (a script or a custom operation that segfaults,
// aborts, overflows its stack, throws what nothing catches or calls exit())
// ends with a lazycad message naming the script line where it can, and exit
// code 1. Cache entries are written to temporary names and renamed, so a
// process that dies anywhere leaves no damaged entry behind.

namespace lazycad::script {

/// Install the handlers: fatal signals (on an alternate stack, so a stack
/// overflow reaches them), std::terminate, and exit() (the CLI itself always
/// leaves through _Exit, so any exit() call comes from user code). For a
/// program's main thread, once, early.
void install_crash_guard();

/// After `seconds`, print that the run was stopped (--timeout) and exit with
/// code 1, whatever the script or the evaluation is doing.
void start_watchdog(double seconds);

} // namespace lazycad::script
