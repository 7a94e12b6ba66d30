#pragma once
// The HTTP backend: plain GET / PUT / HEAD / DELETE of `prefix/<key hex>`, the
// convention of ccache's HTTP storage, so nginx with WebDAV PUT, bazel-remote
// or an object store's plain HTTP interface serve as a team cache. HTTP has
// no lease: two cold clients may both compute a node (the result is the same).

#include <memory>
#include <string>

#include "lazycad/remote.hpp"

namespace lazycad::detail {

/// `url` is `http[s]://[user:password@]host[:port][/prefix]`, optionally with
/// the attributes `|connect-timeout=MS` (300 by default) and
/// `|operation-timeout=MS` (1000). A bearer token is read from
/// $LAZYCAD_REMOTE_CACHE_TOKEN when the backend is opened. Throws Error for a
/// malformed URL.
std::unique_ptr<RemoteBackend> open_http_backend(const std::string& url);

} // namespace lazycad::detail
