#include "cache/usage.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/file.h>
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

/// flock on `stats.lock` for the life of the object; without a lock file
/// (read-only folder) it does nothing, and the write that follows fails quietly.
class FolderLock {
public:
    explicit FolderLock(const fs::path& root) {
        m_fd = ::open((root / "stats.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd >= 0)
            while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
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

void update_counters(const DirectoryStore& store, const std::function<bool(nlohmann::json&)>& f) {
    FolderLock lock(store.root());
    nlohmann::json j = read_counters(store.root());
    if (!f(j)) return;
    try {
        write_file_atomically(store.root() / "stats.json", j.dump() + "\n");
    } catch (const std::exception&) {
        // Counters are a convenience: a folder that cannot be written keeps its old ones.
    }
}

void record_usage(DirectoryStore& store, const Stats& s) {
    if (store.read_only()) return;
    if (s.disk_hits + s.remote_hits + s.misses + s.stored + s.remote_errors == 0) return;
    std::uint64_t limit = 0;
    auto config = read_config(store.root());
    if (auto it = config.find("max_size"); it != config.end()) {
        try {
            limit = parse_size(it->second, "max_size");
        } catch (const Error&) {
            // `cache config` refuses a bad value; one written by hand is ignored.
        }
    }
    update_counters(store, [&](nlohmann::json& j) {
        auto add = [&](const char* name, std::uint64_t n) { j[name] = j.value(name, std::uint64_t(0)) + n; };
        add("evaluations", 1);
        add("local_hits", s.disk_hits);
        add("remote_hits", s.remote_hits);
        add("misses", s.misses);
        add("computed", s.computed);
        add("stored", s.stored);
        add("remote_stored", s.remote_stored);
        add("remote_errors", s.remote_errors);
        // The folder's size, kept up to date cheaply: what this run wrote
        // (an overestimate when it replaced entries), made exact by each trim.
        if (!j.contains("bytes")) j["bytes"] = total_size(store);
        else add("bytes", s.bytes_written);
        if (limit && j["bytes"].get<std::uint64_t>() > limit) {
            std::uint64_t remaining = 0;
            add("evicted", store.gc(limit / 10 * 9, &remaining));
            add("cleanups", 1);
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
