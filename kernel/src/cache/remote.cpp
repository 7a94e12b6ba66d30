#include "lazycad/remote.hpp"

#include <map>
#include <mutex>

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

namespace {

struct Schemes {
    std::mutex mutex;
    std::map<std::string, RemoteFactory> factories{{"redis", detail::open_redis_backend}};
};
Schemes& schemes() {
    static Schemes s;
    return s;
}

} // namespace

void register_remote_scheme(const std::string& scheme, RemoteFactory factory) {
    Schemes& s = schemes();
    std::lock_guard lock(s.mutex);
    s.factories[scheme] = std::move(factory);
}

std::unique_ptr<RemoteBackend> open_remote_backend(const std::string& url) {
    auto colon = url.find("://");
    RemoteFactory factory;
    std::string known;
    {
        Schemes& s = schemes();
        std::lock_guard lock(s.mutex);
        if (colon != std::string::npos)
            if (auto it = s.factories.find(url.substr(0, colon)); it != s.factories.end())
                factory = it->second;
        for (const auto& [name, f] : s.factories) known += (known.empty() ? "" : ", ") + name + "://";
    }
    if (!factory)
        throw Error("remote cache", "url",
                    fmt::format("remote cache: url '{}' has an unknown scheme (known: {})", url, known));
    return factory(url);
}

} // namespace lazycad
