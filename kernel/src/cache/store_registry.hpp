#pragma once
// One DirectoryStore per cache root per process, so an unusable folder is
// probed and reported once, not on every evaluation.

#include <memory>

#include "cache/directory_store.hpp"
#include "cache/storage.hpp"
#include "lazycad/evaluate.hpp"

namespace lazycad::detail {

/// The store for these options, or nullptr when caching is off or unusable.
std::shared_ptr<DirectoryStore> open_store(const CacheOptions& options);
/// The evaluator's storage: the folder above and, when configured
/// (options.remote or $LAZYCAD_REMOTE_CACHE), a remote backend. One per
/// folder, secret and URL per process, so a failed remote stays skipped.
std::shared_ptr<CacheStorage> open_storage(const CacheOptions& options);

} // namespace lazycad::detail
