#include "private_folder.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <random>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace lazycad::script {

namespace {

/// Owned by this user and writable by no one else.
bool safe_owner_and_mode(const struct stat& st) {
    return st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/// `.tmp.` and 64 random bits: no one can guess the name to plant it first.
std::string random_tmp_name() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format(".tmp.{:016x}", random());
}

double age_s(const struct stat& st) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return double(now.tv_sec - st.st_mtim.tv_sec) + (now.tv_nsec - st.st_mtim.tv_nsec) / 1e9;
}

} // namespace

std::optional<std::string> read_fd(int fd) {
    std::string out;
    char buf[65536];
    for (off_t at = 0;;) {
        ssize_t n = pread(fd, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) return out;
        out.append(buf, std::size_t(n));
        at += n;
    }
}

std::optional<PrivateFolder> PrivateFolder::open(const fs::path& dir, std::string& problem) {
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return std::nullopt; // problem stays ""
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        struct stat st;
        bool link = lstat(dir.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
        problem = link ? fmt::format("{} is a symbolic link", dir.string())
                       : fmt::format("cannot open {}: {}", dir.string(), std::strerror(e));
        return std::nullopt;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !safe_owner_and_mode(st)) {
        problem = st.st_uid != geteuid()
                      ? fmt::format("{} belongs to user id {}, not to you (id {})", dir.string(),
                                    st.st_uid, geteuid())
                      : fmt::format("{} is writable by others (mode {:o}; it must be 0700)",
                                    dir.string(), st.st_mode & 07777);
        close(fd);
        return std::nullopt;
    }
    return PrivateFolder(dir, fd);
}

PrivateFolder::PrivateFolder(PrivateFolder&& o) noexcept : m_path(std::move(o.m_path)), m_fd(o.m_fd) {
    o.m_fd = -1;
}

PrivateFolder::~PrivateFolder() {
    if (m_fd >= 0) close(m_fd);
}

int PrivateFolder::open_file(const std::string& name) const {
    int fd = openat(m_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !safe_owner_and_mode(st)) {
        close(fd);
        return -1;
    }
    return fd;
}

std::optional<std::string> PrivateFolder::read(const std::string& name) const {
    int fd = open_file(name);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> bytes = read_fd(fd);
    close(fd);
    return bytes;
}

std::string PrivateFolder::write(const std::string& name, const std::string& bytes) const {
    std::string tmp;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 16; ++attempt) {
        tmp = random_tmp_name();
        fd = openat(m_fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) return fmt::format("cannot create a file in {}: {}", m_path.string(), std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += std::size_t(n);
    }
    int error = done == bytes.size() ? 0 : errno;
    if (close(fd) != 0 && !error) error = errno;
    if (!error && renameat(m_fd, tmp.c_str(), m_fd, name.c_str()) != 0) error = errno;
    if (error) {
        unlinkat(m_fd, tmp.c_str(), 0);
        return fmt::format("cannot write {} in {}: {}", name, m_path.string(), std::strerror(error));
    }
    return "";
}

std::string PrivateFolder::make_temporary_folder() const {
    for (int attempt = 0; attempt < 16; ++attempt) {
        std::string name = random_tmp_name();
        if (mkdirat(m_fd, name.c_str(), 0700) == 0) return name;
        if (errno != EEXIST) break;
    }
    return "";
}

std::string PrivateFolder::adopt(const std::string& sub, const std::string& from,
                                 const std::string& name) const {
    int sub_fd = openat(m_fd, sub.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub_fd < 0) return fmt::format("{}/{} vanished: {}", m_path.string(), sub, std::strerror(errno));
    int error = 0;
    if (fchmodat(sub_fd, from.c_str(), 0600, 0) != 0 ||
        renameat(sub_fd, from.c_str(), m_fd, name.c_str()) != 0)
        error = errno;
    close(sub_fd);
    return error ? fmt::format("cannot place {} in {}: {}", name, m_path.string(), std::strerror(error))
                 : "";
}

void PrivateFolder::remove_folder(const std::string& sub) const {
    int sub_fd = openat(m_fd, sub.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub_fd >= 0) {
        if (DIR* d = fdopendir(sub_fd)) {
            while (dirent* e = readdir(d))
                if (std::strcmp(e->d_name, ".") && std::strcmp(e->d_name, ".."))
                    unlinkat(dirfd(d), e->d_name, 0);
            closedir(d);
        } else {
            close(sub_fd);
        }
    }
    unlinkat(m_fd, sub.c_str(), AT_REMOVEDIR);
}

void PrivateFolder::touch(const std::string& name) const {
    utimensat(m_fd, name.c_str(), nullptr, AT_SYMLINK_NOFOLLOW);
}

std::size_t PrivateFolder::clean(double max_age_s, double older_than_s) const {
    int dup_fd = dup(m_fd);
    if (dup_fd < 0) return 0;
    DIR* d = fdopendir(dup_fd);
    if (!d) {
        close(dup_fd);
        return 0;
    }
    rewinddir(d);
    std::size_t removed = 0;
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        struct stat st;
        if (fstatat(m_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        bool temporary = name.starts_with(".tmp.");
        bool stale = temporary ? age_s(st) > max_age_s : older_than_s >= 0 && age_s(st) > older_than_s;
        if (!stale) continue;
        if (S_ISDIR(st.st_mode)) {
            if (temporary) remove_folder(name), ++removed;
        } else if (unlinkat(m_fd, name.c_str(), 0) == 0) {
            ++removed;
        }
    }
    closedir(d);
    return removed;
}

} // namespace lazycad::script
