#include "cache/store_registry.hpp"

#include "cache/secret.hpp"

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

} // namespace lazycad::detail
