#include "graph/origin.hpp"

#include <string_view>
#include <vector>

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <unwind.h>

namespace lazycad::detail {

namespace {

struct Walk {
    std::uintptr_t found = 0;
    int frames = 0;
};

/// Whether the object `map` is one of lazycad's own libraries (liblazycad*).
bool is_lazycad(const link_map* map) {
    std::string_view file = map->l_name ? map->l_name : "";
    file.remove_prefix(file.find_last_of('/') + 1);
    return file.starts_with("liblazycad");
}

/// Whether the code at `pc` is in lazycad's own libraries. Made for every
/// node (and each of its frames), so no dladdr: _dl_find_object (glibc 2.35)
/// is lock-free, and the verdict is remembered per loaded object. (Objects
/// unloaded and replaced at the same link_map address are scripts, never
/// liblazycad, which stays loaded: the verdict stays right.)
bool in_lazycad(std::uintptr_t pc) {
    dl_find_object found;
    if (_dl_find_object(reinterpret_cast<void*>(pc), &found) != 0 || !found.dlfo_link_map)
        return true; // unknown: skip
    thread_local std::vector<std::pair<const link_map*, bool>> known;
    for (const auto& [map, lazycad] : known)
        if (map == found.dlfo_link_map) return lazycad;
    const bool lazycad = is_lazycad(found.dlfo_link_map);
    known.emplace_back(found.dlfo_link_map, lazycad);
    return lazycad;
}

_Unwind_Reason_Code step(_Unwind_Context* context, void* arg) {
    auto* walk = static_cast<Walk*>(arg);
    const std::uintptr_t pc = _Unwind_GetIP(context);
    if (pc == 0 || ++walk->frames > 64) return _URC_END_OF_STACK;
    if (in_lazycad(pc)) return _URC_NO_REASON;
    walk->found = pc;
    return _URC_END_OF_STACK;
}

#if defined(__x86_64__) || defined(__aarch64__)
/// Where liblazycad itself (this file's library) is mapped.
struct Mapping {
    std::uintptr_t start = 0, end = 0;
    bool holds(std::uintptr_t pc) const { return pc >= start && pc < end; }
};
const Mapping& core() {
    static const Mapping m = [] {
        dl_find_object found;
        if (_dl_find_object(reinterpret_cast<void*>(&calling_code), &found) != 0) return Mapping{};
        return Mapping{reinterpret_cast<std::uintptr_t>(found.dlfo_map_start),
                       reinterpret_cast<std::uintptr_t>(found.dlfo_map_end)};
    }();
    return m;
}

/// This thread's stack, where every frame record must lie.
const Mapping& this_stack() {
    thread_local const Mapping m = [] {
        Mapping out;
        pthread_attr_t attr;
        if (pthread_getattr_np(pthread_self(), &attr) != 0) return out;
        void* base = nullptr;
        std::size_t size = 0;
        if (pthread_attr_getstack(&attr, &base, &size) == 0) {
            out.start = reinterpret_cast<std::uintptr_t>(base);
            out.end = out.start + size;
        }
        pthread_attr_destroy(&attr);
        return out;
    }();
    return m;
}

/// The first return address outside liblazycad, by its frame records: the
/// library is built with frame pointers (kernel/CMakeLists.txt), so each of
/// its frames begins with the caller's frame pointer and the return address.
/// A few loads a frame, where the DWARF unwinder spent ~2 µs a node reading
/// call frame information. 0 when the records do not look sound or the
/// address is in another lazycad library: the unwinder decides then.
__attribute__((noinline)) std::uintptr_t by_frame_records() {
    const Mapping& lib = core();
    const Mapping& stack = this_stack();
    auto fp = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    for (int frames = 0; frames < 64; ++frames) {
        if (!stack.holds(fp) || !stack.holds(fp + 2 * sizeof(void*) - 1) || fp % sizeof(void*)) return 0;
        const auto* record = reinterpret_cast<const std::uintptr_t*>(fp);
        const std::uintptr_t ret = record[1];
        if (!lib.holds(ret)) return in_lazycad(ret) ? 0 : ret;
        if (record[0] <= fp) return 0; // records lead up the stack, to older frames
        fp = record[0];
    }
    return 0;
}
#endif

} // namespace

std::uintptr_t calling_code() {
#if defined(__x86_64__) || defined(__aarch64__)
    if (std::uintptr_t pc = by_frame_records()) return pc;
#endif
    Walk walk;
    _Unwind_Backtrace(step, &walk);
    return walk.found;
}

} // namespace lazycad::detail
