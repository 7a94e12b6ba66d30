#include <cstdlib>

#include "lazycad/evaluate.hpp"

namespace lazycad {

std::optional<std::string> CacheOptions::resolve() const {
    if (!dir.empty()) return dir;
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v ? v : "";
    };
    if (std::string d = env("LAZYCAD_CACHE_DIR"); !d.empty()) return d;
    // The XDG spec says a relative path in these variables is invalid: ignore it.
    if (std::string d = env("XDG_CACHE_HOME"); !d.empty() && d[0] == '/') return d + "/lazycad";
    if (std::string d = env("HOME"); !d.empty()) return d + "/.cache/lazycad";
    return std::nullopt;
}

} // namespace lazycad
