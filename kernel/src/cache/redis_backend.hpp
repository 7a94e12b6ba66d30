#pragma once
// The Redis backend: entries as binary strings under "lazycad:<key hex>".

#include <memory>
#include <string>

#include "lazycad/remote.hpp"

namespace lazycad::detail {

/// `url` is `redis://host[:port][/db]`. Throws Error for a malformed one.
std::unique_ptr<RemoteBackend> open_redis_backend(const std::string& url);

} // namespace lazycad::detail
