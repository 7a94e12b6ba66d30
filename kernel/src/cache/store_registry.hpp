#pragma once
// One DirectoryStore per cache root per process, so an unusable folder is
// probed and reported once, not on every evaluation.

#include <memory>

#include "cache/directory_store.hpp"
#include "lazycad/evaluate.hpp"

namespace lazycad::detail {

/// The store for these options, or nullptr when caching is off or unusable.
std::shared_ptr<DirectoryStore> open_store(const CacheOptions& options);

} // namespace lazycad::detail
