#include "eval/occt_setup.hpp"

#include <atomic>
#include <csignal>
#include <mutex>
#include <vector>

#include <signal.h>

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

void install_occt_handlers() {
    OSD::SetSignal(/*theFloatingSignal=*/false);
    // OCCT 7.6 installs its handlers without SA_ONSTACK: add it, so that
    // they run on the thread's alternate stack (below) after an overflow.
    for (int sig : {SIGSEGV, SIGBUS}) {
        struct sigaction sa {};
        if (sigaction(sig, nullptr, &sa) == 0 && !(sa.sa_flags & SA_ONSTACK)) {
            sa.sa_flags |= SA_ONSTACK;
            sigaction(sig, &sa, nullptr);
        }
    }
    g_occt_handler = current_segv_handler();
}

} // namespace

void setup_occt_in_this_thread() {
    if (g_occt_handler && current_segv_handler() != g_occt_handler) install_occt_handlers();
    static std::once_flag global;
    std::call_once(global, [] {
        install_occt_handlers();
        const Message_SequenceOfPrinters& printers = Message::DefaultMessenger()->Printers();
        for (Message_SequenceOfPrinters::Iterator it(printers); it.More(); it.Next())
            it.Value()->SetTraceLevel(Message_Fail);
    });
    thread_local bool installed = false;
    if (!installed) {
        OSD::SetThreadLocalSignal(OSD::SignalMode(), /*theFloatingSignal=*/false);
        // A stack overflow (in a custom operation, say) faults on the guard
        // page: without a stack of its own no handler could run and report it.
        thread_local std::vector<char> alt_stack(256 * 1024);
        stack_t ss{};
        ss.ss_sp = alt_stack.data();
        ss.ss_size = alt_stack.size();
        sigaltstack(&ss, nullptr);
        installed = true;
    }
}

} // namespace lazycad::detail
