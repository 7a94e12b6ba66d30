#pragma once

namespace lazycad::detail {

/// Once per process: OSD signal handling (crashes in OCCT become Standard_Failure
/// inside OCC_CATCH_SIGNALS) and a quiet default messenger (the STEP writer would
/// otherwise print its statistics on stdout). Then once per thread: the
/// thread-local signal handlers.
void setup_occt_in_this_thread();

} // namespace lazycad::detail
