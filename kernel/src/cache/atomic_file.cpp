#include "cache/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <random>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace lazycad::detail {

namespace {

std::string temporary_name() {
    static std::atomic<unsigned> counter{0};
    thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[64];
    std::snprintf(buf, sizeof buf, ".tmp.%d.%u.%016llx", int(getpid()), counter++,
                  static_cast<unsigned long long>(rng()));
    return buf;
}

void write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "write");
        }
        data.remove_prefix(std::size_t(n));
    }
}

} // namespace

void write_file_atomically(const std::filesystem::path& dest, std::string_view head,
                           std::string_view body) {
    std::filesystem::path tmp = dest.parent_path() / temporary_name();
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "create " + tmp.string());
    try {
        write_all(fd, head);
        write_all(fd, body);
        if (::close(fd) != 0) {
            fd = -1;
            throw std::system_error(errno, std::generic_category(), "close " + tmp.string());
        }
        fd = -1;
        if (std::rename(tmp.c_str(), dest.c_str()) != 0)
            throw std::system_error(errno, std::generic_category(), "rename to " + dest.string());
    } catch (...) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
}

bool is_temporary_name(const std::string& filename) { return filename.rfind(".tmp.", 0) == 0; }

} // namespace lazycad::detail
