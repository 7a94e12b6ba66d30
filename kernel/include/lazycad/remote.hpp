#pragma once
// A remote cache backend: a byte store on a server the team already runs
// (Redis, or any plain HTTP store). It moves whole cache entries by key, nothing more; lazycad
// verifies every entry it gets back exactly as it verifies one from its local
// folder (format, digest, and with a secret the MAC), so a backend needs no
// trust of its own. A C++ user may implement this interface for a store of
// their own; the built-in backends use nothing it does not offer.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lazycad/error.hpp"

namespace lazycad {

/// Why a remote call failed. Any of them makes lazycad skip the remote for the
/// rest of the process, with one warning: a slow or broken server must never
/// cost more than one timeout.
enum class RemoteFailure {
    timeout,     ///< no answer in time
    unavailable, ///< cannot connect, connection lost
    refused,     ///< the server answered with an error (auth, read-only, full)
};

class RemoteError : public Error {
public:
    RemoteError(RemoteFailure failure, const std::string& message)
        : Error(message), m_failure(failure) {}
    RemoteFailure failure() const noexcept { return m_failure; }

private:
    RemoteFailure m_failure;
};

/// "timeout", "unavailable" or "refused".
const char* to_string(RemoteFailure f);

/// Keys are the node keys in lower-case hex (64 characters). Every call may
/// throw RemoteError; it must be safe to call from several threads at once.
class RemoteBackend {
public:
    virtual ~RemoteBackend() = default;
    /// The entry's bytes, or nullopt when the server has none.
    virtual std::optional<std::string> get(const std::string& key_hex) = 0;
    virtual void put(const std::string& key_hex, std::string_view bytes) = 0;
    /// Whether the server holds an entry for the key.
    virtual bool head(const std::string& key_hex) = 0;
    virtual void remove(const std::string& key_hex) = 0;
    /// Compute once across clients: take a lease of `ms` milliseconds on
    /// computing `key_hex` for `owner`. True: this client may compute (it holds
    /// the lease, or the backend has no leases: the default). False: another
    /// client holds it; wait for its entry. A crashed owner's lease expires.
    virtual bool lease(const std::string& key_hex, const std::string& owner, int ms) {
        (void)key_hex, (void)owner, (void)ms;
        return true;
    }
    /// Whether lease() can say no (the default lease always lets the client
    /// compute; lazycad then does not look at the remote a second time).
    virtual bool has_leases() const { return false; }
    /// Give a lease back, if `owner` still holds it.
    virtual void release(const std::string& key_hex, const std::string& owner) {
        (void)key_hex, (void)owner;
    }
    /// For messages: the URL without credentials.
    virtual std::string describe() const = 0;
};

/// A remote cache URL and the attributes that follow it, as ccache spells
/// them: `redis://host|ttl=7d|read-only` is the URL `redis://host` and the
/// attributes {"ttl", "7d"}, {"read-only", ""}.
struct RemoteUrl {
    std::string url;
    std::vector<std::pair<std::string, std::string>> attributes;
};
RemoteUrl split_remote_url(const std::string& text);

/// Makes a backend for a URL of its scheme. The URL keeps the attributes that
/// lazycad does not handle itself (it handles `read-only`), for the backend to
/// read with split_remote_url (`|ttl=7d`); throws Error for a URL it cannot use.
using RemoteFactory = std::function<std::unique_ptr<RemoteBackend>(const std::string& url)>;
/// Plug in a backend: URLs starting with `scheme` "://" (in --remote-cache,
/// $LAZYCAD_REMOTE_CACHE or CacheOptions::remote) are opened by `factory`.
/// Replaces an earlier registration of the scheme. Built in: "redis", "http",
/// "https".
void register_remote_scheme(const std::string& scheme, RemoteFactory factory);

/// A backend for `url` by its scheme: `redis://host[:port][/db]` (port 6379
/// by default; connects lazily, on the first call), `http[s]://host[:port]/prefix`
/// (GET / PUT / HEAD / DELETE of `prefix/<key hex>`) or a registered one.
/// Throws Error for an unknown scheme or a URL its backend cannot use.
std::unique_ptr<RemoteBackend> open_remote_backend(const std::string& url);

} // namespace lazycad
