#include <iostream>
#include <mutex>

#include "lazycad/evaluate.hpp"

namespace lazycad {

namespace {
std::mutex g_mutex;
WarningHandler g_handler;
} // namespace

WarningHandler set_warning_handler(WarningHandler h) {
    std::lock_guard lock(g_mutex);
    std::swap(g_handler, h);
    return h;
}

void warn(const std::string& message) {
    std::lock_guard lock(g_mutex);
    if (g_handler) g_handler(message);
    else std::cerr << "lazycad: warning: " << message << std::endl;
}

} // namespace lazycad
