#pragma once

#include <new>
#include <string>

#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>

#include "lazycad/error.hpp"

namespace lazycad::detail {

/// Once per process: OSD signal handling (crashes in OCCT become Standard_Failure
/// inside OCC_CATCH_SIGNALS) and a quiet default messenger (the STEP writer would
/// otherwise print its statistics on stdout). Then once per thread: the
/// thread-local signal handlers.
void setup_occt_in_this_thread();

/// Run `f` (OCCT work outside an evaluation: a measurement, an export) with
/// OCCT's failures and signals turned into an Error naming `op`, so that a
/// shape OCCT chokes on (a forged cache entry, say) never crashes the process.
template <class F>
auto guarded_occt(const char* op, F&& f) -> decltype(f()) {
    setup_occt_in_this_thread();
    try {
        OCC_CATCH_SIGNALS
        return f();
    } catch (const Standard_Failure& e) {
        throw lazycad::Error(op, "", std::string(op) + ": OCCT failed: " + e.DynamicType()->Name() + " " +
                                e.GetMessageString());
    } catch (const std::bad_alloc&) {
        throw lazycad::Error(op, "", std::string(op) + ": out of memory");
    }
}

} // namespace lazycad::detail
