#include "lazycad/remote.hpp"

#include <fmt/format.h>

#include "cache/redis_backend.hpp"

namespace lazycad {

const char* to_string(RemoteFailure f) {
    switch (f) {
    case RemoteFailure::timeout: return "timeout";
    case RemoteFailure::unavailable: return "unavailable";
    case RemoteFailure::refused: return "refused";
    }
    return "?";
}

std::unique_ptr<RemoteBackend> open_remote_backend(const std::string& url) {
    if (url.rfind("redis://", 0) == 0) return detail::open_redis_backend(url);
    throw Error("remote cache", "url",
                fmt::format("remote cache: '{}' has an unknown scheme (supported: redis://)", url));
}

} // namespace lazycad
