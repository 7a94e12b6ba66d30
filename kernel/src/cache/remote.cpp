#include "lazycad/remote.hpp"

#include <map>
#include <mutex>

#include <fmt/format.h>

#include "cache/http_backend.hpp"
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

RemoteUrl split_remote_url(const std::string& text) {
    RemoteUrl out;
    std::size_t bar = text.find('|');
    out.url = text.substr(0, bar);
    while (bar != std::string::npos) {
        std::size_t next = text.find('|', bar + 1);
        std::string a = text.substr(bar + 1, next == std::string::npos ? next : next - bar - 1);
        bar = next;
        if (a.empty()) continue;
        std::size_t eq = a.find('=');
        if (eq == std::string::npos) out.attributes.emplace_back(a, "");
        else out.attributes.emplace_back(a.substr(0, eq), a.substr(eq + 1));
    }
    return out;
}

namespace {

struct Schemes {
    std::mutex mutex;
    std::map<std::string, RemoteFactory> factories{{"redis", detail::open_redis_backend},
                                                   {"http", detail::open_http_backend},
                                                   {"https", detail::open_http_backend}};
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
