#include "eval/occt_setup.hpp"

#include <atomic>
#include <csignal>
#include <mutex>

#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_Printer.hxx>
#include <OSD.hxx>

namespace lazycad::detail {

namespace {

// The SIGSEGV handler OSD::SetSignal installed: if someone replaced it since
// (a test framework restoring its own handlers, say), install OCCT's again,
// or a crash inside OCC_CATCH_SIGNALS would no longer become an exception.
std::atomic<void (*)(int, siginfo_t*, void*)> g_occt_handler{nullptr};

void (*current_segv_handler())(int, siginfo_t*, void*) {
    struct sigaction current{};
    sigaction(SIGSEGV, nullptr, &current);
    return current.sa_sigaction;
}

} // namespace

void setup_occt_in_this_thread() {
    if (g_occt_handler && current_segv_handler() != g_occt_handler) {
        OSD::SetSignal(/*theFloatingSignal=*/false);
        g_occt_handler = current_segv_handler();
    }
    static std::once_flag global;
    std::call_once(global, [] {
        OSD::SetSignal(/*theFloatingSignal=*/false);
        g_occt_handler = current_segv_handler();
        const Message_SequenceOfPrinters& printers = Message::DefaultMessenger()->Printers();
        for (Message_SequenceOfPrinters::Iterator it(printers); it.More(); it.Next())
            it.Value()->SetTraceLevel(Message_Fail);
    });
    thread_local bool installed = false;
    if (!installed) {
        OSD::SetThreadLocalSignal(OSD::SignalMode(), /*theFloatingSignal=*/false);
        installed = true;
    }
}

} // namespace lazycad::detail
