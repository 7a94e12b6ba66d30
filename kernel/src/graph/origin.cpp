#include "graph/origin.hpp"

#include <string_view>

#include <dlfcn.h>
#include <unwind.h>

namespace lazycad::detail {

namespace {

struct Walk {
    std::uintptr_t found = 0;
    int frames = 0;
};

bool in_lazycad(std::uintptr_t pc) {
    Dl_info info{};
    if (!dladdr(reinterpret_cast<void*>(pc), &info) || !info.dli_fname) return true; // unknown: skip
    std::string_view file = info.dli_fname;
    file.remove_prefix(file.find_last_of('/') + 1);
    return file.starts_with("liblazycad");
}

_Unwind_Reason_Code step(_Unwind_Context* context, void* arg) {
    auto* walk = static_cast<Walk*>(arg);
    const std::uintptr_t pc = _Unwind_GetIP(context);
    if (pc == 0 || ++walk->frames > 64) return _URC_END_OF_STACK;
    if (in_lazycad(pc)) return _URC_NO_REASON;
    walk->found = pc;
    return _URC_END_OF_STACK;
}

} // namespace

std::uintptr_t calling_code() {
    Walk walk;
    _Unwind_Backtrace(step, &walk);
    return walk.found;
}

} // namespace lazycad::detail
