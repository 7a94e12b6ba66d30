#include "cache/usage.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "cache/atomic_file.hpp"
#include "lazycad/cache.hpp"

namespace lazycad::detail {

namespace fs = std::filesystem;

namespace {

std::int64_t now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// flock on `stats.lock` for the life of the object: shared to append to the
/// log, exclusive to fold it into the counters. Without a lock file
/// (read-only folder) it does nothing, and the write that follows fails quietly.
class FolderLock {
public:
    explicit FolderLock(const fs::path& root, int how = LOCK_EX) {
        m_fd = ::open((root / "stats.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd >= 0)
            while (::flock(m_fd, how) != 0 && errno == EINTR) {
            }
    }
    ~FolderLock() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int m_fd = -1;
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The counters, with those of a fresh folder where the file is missing or unreadable.
nlohmann::json read_counters(const fs::path& root) {
    nlohmann::json j = nlohmann::json::parse(read_text(root / "stats.json"), nullptr, false);
    if (!j.is_object()) j = nlohmann::json::object();
    if (!j.contains("since")) j["since"] = now_s();
    return j;
}

std::uint64_t total_size(const DirectoryStore& store) {
    std::uint64_t total = 0;
    for (const EntryInfo& e : store.list()) total += e.size;
    return total;
}

} // namespace

namespace {

/// A log past this size is folded by the next evaluation (about 150 runs).
constexpr std::uint64_t fold_at_bytes = 16 * 1024;

const char* const counted[] = {"evaluations", "local_hits", "remote_hits", "misses", "computed",
                               "stored", "remote_stored", "remote_errors", "bytes"};

void add_to(nlohmann::json& j, const nlohmann::json& delta) {
    for (const char* name : counted)
        if (delta.contains(name) && (std::string(name) != "bytes" || j.contains("bytes")))
            j[name] = j.value(name, std::uint64_t(0)) + delta.value(name, std::uint64_t(0));
}

std::uint64_t max_size_of(const fs::path& root) {
    auto config = read_config(root);
    auto it = config.find("max_size");
    if (it == config.end()) return 0;
    try {
        return parse_size(it->second, "max_size");
    } catch (const Error&) {
        return 0; // `cache config` refuses a bad value; one written by hand is ignored
    }
}

} // namespace

// Two files: stats.json holds the counters, stats.log one JSON line per
// evaluation since they were last folded in. An evaluation that only read
// appends its line (O_APPEND, under a shared lock): renaming a file over
// another costs milliseconds on ext4, more than a whole cache hit. Folding
// (under the exclusive lock) adds the lines to stats.json, rewritten
// atomically, then empties the log; a crash between the two counts those
// lines twice, never loses them.
void update_counters(const DirectoryStore& store, const std::function<bool(nlohmann::json&)>& f) {
    FolderLock lock(store.root());
    nlohmann::json j = read_counters(store.root());
    std::istringstream log(read_text(store.root() / "stats.log"));
    bool folded = false;
    for (std::string line; std::getline(log, line);) {
        nlohmann::json delta = nlohmann::json::parse(line, nullptr, false);
        if (delta.is_object()) add_to(j, delta);
        folded = true;
    }
    bool changed = f(j);
    if (!changed && !folded) return;
    try {
        write_file_atomically(store.root() / "stats.json", j.dump() + "\n");
        if (folded) ::truncate((store.root() / "stats.log").c_str(), 0);
    } catch (const std::exception&) {
        // Counters are a convenience: a folder that cannot be written keeps its old ones.
    }
}

void record_usage(DirectoryStore& store, const Stats& s) {
    if (store.read_only()) return;
    if (s.disk_hits + s.remote_hits + s.misses + s.stored + s.remote_errors == 0) return;
    nlohmann::json delta{{"evaluations", 1},
                         {"local_hits", s.disk_hits},
                         {"remote_hits", s.remote_hits},
                         {"misses", s.misses},
                         {"computed", s.computed},
                         {"stored", s.stored},
                         {"remote_stored", s.remote_stored},
                         {"remote_errors", s.remote_errors},
                         {"bytes", s.bytes_written}};
    // A run that only read appends a line; one that wrote (it computed, or
    // copied a remote hit) folds, since only then may the folder have passed
    // its max_size.
    if (s.bytes_written == 0) {
        FolderLock shared(store.root(), LOCK_SH);
        int fd = ::open((store.root() / "stats.log").c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return;
        std::string line = delta.dump() + "\n";
        // One write of a short line with O_APPEND: lines of concurrent
        // processes never interleave.
        bool written = ::write(fd, line.data(), line.size()) == ssize_t(line.size());
        struct stat st{};
        bool fold = ::fstat(fd, &st) == 0 && std::uint64_t(st.st_size) > fold_at_bytes;
        ::close(fd);
        if (written && !fold) return;
        if (written) delta = nlohmann::json::object(); // in the log, folded below
    }
    std::uint64_t limit = max_size_of(store.root());
    update_counters(store, [&](nlohmann::json& j) {
        add_to(j, delta);
        // The folder's size, kept up to date cheaply: what the runs wrote
        // (an overestimate when they replaced entries), made exact by each trim.
        if (!j.contains("bytes")) j["bytes"] = total_size(store);
        if (limit && j["bytes"].get<std::uint64_t>() > limit) {
            std::uint64_t remaining = 0;
            j["evicted"] = j.value("evicted", std::uint64_t(0)) + store.gc(limit / 10 * 9, &remaining);
            j["cleanups"] = j.value("cleanups", std::uint64_t(0)) + 1;
            j["bytes"] = remaining;
        }
        return true;
    });
}

std::map<std::string, std::string> read_config(const fs::path& root) {
    std::map<std::string, std::string> config;
    std::istringstream in(read_text(root / "lazycad.conf"));
    for (std::string line; std::getline(in, line);) {
        auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        auto trim = [](std::string t) {
            t.erase(0, t.find_first_not_of(" \t"));
            t.erase(t.find_last_not_of(" \t\r") + 1);
            return t;
        };
        config[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    return config;
}

void write_config(const fs::path& root, const std::map<std::string, std::string>& config) {
    std::string text = "# lazycad cache settings (lazycad cache config NAME=VALUE)\n";
    for (const auto& [k, v] : config) text += k + " = " + v + "\n";
    FolderLock lock(root);
    write_file_atomically(root / "lazycad.conf", text);
}

} // namespace lazycad::detail
