#pragma once
// A folder only this user can write, held open by a descriptor: where compiled
// scripts live. Code loaded from a folder someone else can write would run as
// this user, so every access goes through the verified descriptor (openat,
// O_NOFOLLOW) and nothing is followed or trusted by path.

#include <filesystem>
#include <optional>
#include <string>

namespace lazycad::script {

class PrivateFolder {
public:
    /// Open `dir`, creating it (0700) if absent. nullopt, with `problem` set
    /// to a sentence naming the folder, when it is a symbolic link, not a
    /// folder, not owned by this user, or writable by group or others; with
    /// `problem` empty when it cannot be created (no cache, a full disk).
    static std::optional<PrivateFolder> open(const std::filesystem::path& dir, std::string& problem);

    PrivateFolder(PrivateFolder&& o) noexcept;
    PrivateFolder& operator=(PrivateFolder&&) = delete;
    PrivateFolder(const PrivateFolder&) = delete;
    ~PrivateFolder();

    const std::filesystem::path& path() const { return m_path; }
    int fd() const { return m_fd; }

    /// Open `name` for reading: a regular file, owned by this user, not
    /// writable by others, not a symbolic link. -1 when absent or refused.
    int open_file(const std::string& name) const;
    /// The whole file, or nullopt (as open_file()).
    std::optional<std::string> read(const std::string& name) const;
    /// Write `bytes` as `name` (0600): to an unpredictable temporary name
    /// first, then renamed, so readers never see half a file. Returns "" or
    /// what failed.
    std::string write(const std::string& name, const std::string& bytes) const;
    /// Create a fresh folder with an unpredictable `.tmp.*` name (0700) and
    /// return its name, or "" (errno set).
    std::string make_temporary_folder() const;
    /// Move `from` (a file in this folder's sub-folder `sub`) to `name`, 0600.
    /// Returns "" or what failed.
    std::string adopt(const std::string& sub, const std::string& from, const std::string& name) const;
    /// Remove the sub-folder `sub` and the files in it.
    void remove_folder(const std::string& sub) const;
    /// Refresh `name`'s modification time (its last use, for gc).
    void touch(const std::string& name) const;
    /// Remove `.tmp.*` files and folders older than `max_age_s` (left by killed processes),
    /// and with `older_than_s` >= 0 also every other file unused for that long.
    /// Returns the number of files removed.
    std::size_t clean(double max_age_s, double older_than_s = -1) const;

private:
    PrivateFolder(std::filesystem::path path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    std::filesystem::path m_path;
    int m_fd = -1;
};

/// Read a whole file descriptor from its start.
std::optional<std::string> read_fd(int fd);

} // namespace lazycad::script
