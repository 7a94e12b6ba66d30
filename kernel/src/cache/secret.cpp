#include "cache/secret.hpp"

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>

#include <fmt/format.h>

#include "lazycad/evaluate.hpp"

namespace lazycad::detail {

std::optional<CacheSecret> configured_secret() {
    if (const char* s = std::getenv("LAZYCAD_CACHE_SECRET"); s && *s) return CacheSecret{s};
    const char* file = std::getenv("LAZYCAD_CACHE_SECRET_FILE");
    if (!file || !*file) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    if (!in || !(bytes << in.rdbuf()))
        throw std::runtime_error(fmt::format("cannot read LAZYCAD_CACHE_SECRET_FILE {}", file));
    std::string secret = std::move(bytes).str();
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
    if (secret.empty())
        throw std::runtime_error(fmt::format("LAZYCAD_CACHE_SECRET_FILE {} is empty", file));
    struct stat st{};
    static std::once_flag once; // read on every evaluation; said once per process
    if (::stat(file, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
        std::call_once(once, [&] {
            warn(fmt::format("the cache secret file {} is readable by group or others: whoever reads "
                         "it can forge cache entries (chmod 600)",
                         file));
        });
    return CacheSecret{std::move(secret)};
}

} // namespace lazycad::detail
