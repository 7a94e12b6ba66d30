#include "crash_guard.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <thread>

#include <cxxabi.h>
#include <execinfo.h>
#include <unistd.h>

#include "script_runner.hpp"

namespace lazycad::script {

namespace {

std::atomic<bool> g_dying{false};

void write_err(const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        ssize_t n = ::write(2, s.data() + done, s.size() - done);
        if (n <= 0) break;
        done += std::size_t(n);
    }
}

/// The first frame of the current stack that lies in a loaded script, as
/// "file:line", or "". Not async-signal-safe (addr2line runs as a process):
/// called only on the way out, under an alarm that ends a hung lookup.
std::string script_frame() {
    void* frames[128];
    int n = backtrace(frames, 128);
    for (int i = 0; i < n; ++i) {
        std::string where = script_location(reinterpret_cast<std::uintptr_t>(frames[i]));
        if (!where.empty()) return where;
    }
    return "";
}

void on_alarm(int) { _exit(1); }

/// Say what happened and where, then leave with exit code 1.
[[noreturn]] void die(const std::string& what) {
    if (g_dying.exchange(true)) {
        // A second fault while reporting the first: just leave.
        _exit(1);
    }
    std::signal(SIGALRM, on_alarm);
    alarm(5);
    std::string where = script_frame();
    write_err((where.empty() ? std::string("lazycad") : where) + ": error: " + what +
              "; lazycad stopped (the cache is intact)\n");
    _exit(1);
}

void on_fatal_signal(int sig, siginfo_t*, void*) {
    const char* name = sig == SIGSEGV ? "a segmentation fault (SIGSEGV; a bad pointer or a stack overflow)"
                       : sig == SIGBUS ? "a bus error (SIGBUS)"
                       : sig == SIGFPE ? "an arithmetic fault (SIGFPE)"
                       : sig == SIGILL ? "an illegal instruction (SIGILL)"
                                       : "abort() (SIGABRT)";
    die(std::string("the script crashed with ") + name);
}

void on_terminate() {
    std::string what = "the script ended the program (std::terminate)";
    if (std::exception_ptr e = std::current_exception()) {
        std::string type = "unknown";
        if (std::type_info* t = abi::__cxa_current_exception_type()) {
            int status = 0;
            char* demangled = abi::__cxa_demangle(t->name(), nullptr, nullptr, &status);
            type = status == 0 && demangled ? demangled : t->name();
            std::free(demangled);
        }
        what = "the script threw an exception nothing caught (of type " + type + ")";
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& x) {
            what += ": " + std::string(x.what());
        } catch (...) {
        }
    }
    die(what);
}

void on_exit() { die("the script called exit()"); }

} // namespace

void install_crash_guard() {
    // A stack overflow faults on the guard page: the handler needs a stack of its own.
    static char alt_stack[256 * 1024];
    stack_t ss{};
    ss.ss_sp = alt_stack;
    ss.ss_size = sizeof alt_stack;
    sigaltstack(&ss, nullptr);
    struct sigaction sa{};
    sa.sa_sigaction = on_fatal_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
    std::set_terminate(on_terminate);
    std::atexit(on_exit);
}

void start_watchdog(double seconds) {
    std::thread([seconds] {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        if (g_dying.exchange(true)) return;
        char msg[160];
        std::snprintf(msg, sizeof msg,
                      "lazycad: error: stopped after %g s (--timeout): the script or its evaluation "
                      "did not finish; the cache is intact\n",
                      seconds);
        write_err(msg);
        _exit(1);
    }).detach();
}

} // namespace lazycad::script
