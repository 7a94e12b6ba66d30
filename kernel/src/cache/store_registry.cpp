#include "cache/store_registry.hpp"

#include "cache/secret.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

namespace lazycad::detail {

std::shared_ptr<DirectoryStore> open_store(const CacheOptions& options) {
    if (!options.enabled) return nullptr;
    std::optional<std::string> root = options.resolve();
    if (!root) {
        static std::once_flag once;
        std::call_once(once, [] { warn("no cache folder (no $HOME); running without a cache"); });
        return nullptr;
    }
    std::optional<CacheSecret> secret;
    try {
        secret = configured_secret();
    } catch (const std::exception& e) {
        // Asked to authenticate but cannot: no disk cache rather than an unchecked one.
        static std::once_flag once;
        std::call_once(once, [&] { warn(std::string(e.what()) + "; running without a cache"); });
        return nullptr;
    }
    // One store per root and secret (the secret is read from the environment
    // on every call, so a test or a long-lived viewer may change it).
    std::string id = *root + '\0' + (secret ? secret->bytes : std::string());
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<DirectoryStore>> stores;
    std::lock_guard lock(mutex);
    auto it = stores.find(id);
    if (it == stores.end()) it = stores.emplace(id, DirectoryStore::open(*root, std::move(secret))).first;
    return it->second;
}

std::shared_ptr<CacheStorage> open_storage(const CacheOptions& options) {
    if (!options.enabled) return nullptr;
    std::string url = options.remote;
    if (url.empty())
        if (const char* env = std::getenv("LAZYCAD_REMOTE_CACHE")) url = env;
    std::shared_ptr<DirectoryStore> local = open_store(options);
    std::optional<CacheSecret> secret;
    if (local) secret = local->secret() ? std::optional(*local->secret()) : std::nullopt;
    else if (url.empty()) return nullptr;
    else {
        try {
            secret = configured_secret();
        } catch (const std::exception&) {
            return nullptr; // open_store warned: no unchecked cache
        }
    }
    std::string id = options.resolve().value_or("") + '\0' + (secret ? secret->bytes : "") + '\0' + url;
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<CacheStorage>> storages;
    std::lock_guard lock(mutex);
    auto it = storages.find(id);
    if (it != storages.end()) return it->second;
    // Attributes follow the URL as in ccache: `redis://host|read-only`. The
    // storage handles read-only; the backend gets the others (`|ttl=7d`).
    bool read_only = false;
    if (!url.empty()) {
        RemoteUrl parsed = split_remote_url(url);
        url = parsed.url;
        for (const auto& [name, value] : parsed.attributes) {
            if (name == "read-only") read_only = true;
            else url += '|' + name + (value.empty() ? "" : "=" + value);
        }
    }
    std::shared_ptr<RemoteBackend> remote;
    if (!url.empty()) {
        try {
            remote = open_remote_backend(url);
        } catch (const Error& e) {
            warn(std::string(e.what()) + "; running without the remote cache");
        }
    }
    if (!local && !remote) return nullptr;
    return storages.emplace(id, std::make_shared<CacheStorage>(local, remote, secret, read_only))
        .first->second;
}

} // namespace lazycad::detail
