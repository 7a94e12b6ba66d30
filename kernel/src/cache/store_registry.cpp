#include "cache/store_registry.hpp"

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
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<DirectoryStore>> stores;
    std::lock_guard lock(mutex);
    auto it = stores.find(*root);
    if (it == stores.end()) it = stores.emplace(*root, DirectoryStore::open(*root)).first;
    return it->second;
}

} // namespace lazycad::detail
