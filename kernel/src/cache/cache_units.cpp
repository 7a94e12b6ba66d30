// Durations and sizes as people write them, for --evict-older-than, max_size
// and a Redis TTL.
#include "lazycad/cache.hpp"

#include <regex>

#include <fmt/format.h>

namespace lazycad {

namespace {
[[noreturn]] void bad(const std::string& what, const std::string& text, const char* form) {
    throw Error("cache", what, fmt::format("cache: {} '{}' is not {}", what, text, form));
}
} // namespace

std::int64_t parse_duration(const std::string& text, const std::string& what) {
    static const std::regex form(R"((\d{1,9})([smhdw]?))");
    std::smatch m;
    if (!std::regex_match(text, m, form)) bad(what, text, "a duration (90s, 30m, 12h, 7d, 2w)");
    std::int64_t n = std::stoll(m[1]);
    switch (m[2].length() ? m[2].str()[0] : 's') {
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: return n;
    }
}

std::uint64_t parse_size(const std::string& text, const std::string& what) {
    static const std::regex form(R"((\d{1,12})([kKMGT]?)i?B?)");
    std::smatch m;
    if (!std::regex_match(text, m, form)) bad(what, text, "a size (500k, 20M, 2G)");
    std::uint64_t n = std::stoull(m[1]);
    int shift = 0;
    switch (m[2].length() ? m[2].str()[0] : ' ') {
    case 'k': case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    case 'T': shift = 40; break;
    default: break;
    }
    return n << shift;
}

} // namespace lazycad
