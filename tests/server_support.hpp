#pragma once
// Real servers for the remote cache tests (redis-server, nginx), each started
// by the test on a loopback port chosen free at run time and killed when the
// fixture dies; and the team members who share them.

#include <chrono>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include "foundation_support.hpp"

namespace lazycad::test {

/// `name` in the usual system folders (servers live in sbin too).
inline std::optional<std::string> find_server(const std::string& name) {
    for (const char* dir : {"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"})
        if (std::filesystem::exists(std::filesystem::path(dir) / name))
            return (std::filesystem::path(dir) / name).string();
    return std::nullopt;
}

inline int free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        a.sin_port = 0;
    ::close(fd);
    return ntohs(a.sin_port);
}

inline bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(std::uint16_t(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

/// A server process in the foreground, its output in `log`, listening on
/// `port` (waited for, up to 5 s); killed when the object dies or by kill().
class ServerProcess {
public:
    ServerProcess(std::vector<std::string> argv, const std::filesystem::path& log, int port) : m_port(port) {
        std::vector<char*> cargs;
        for (std::string& a : argv) cargs.push_back(a.data());
        cargs.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        if (posix_spawn(&m_pid, cargs[0], &fa, nullptr, cargs.data(), environ) != 0) m_pid = -1;
        posix_spawn_file_actions_destroy(&fa);
        for (int i = 0; i < 100 && m_pid > 0 && !accepts(m_port); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ~ServerProcess() { kill(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    bool up() const { return m_pid > 0 && accepts(m_port); }
    int port() const { return m_port; }
    /// A server that hangs (stopped, not dead): calls time out.
    void pause() {
        if (m_pid > 0) ::kill(m_pid, SIGSTOP);
    }
    void kill() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGKILL);
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }

private:
    int m_port;
    pid_t m_pid = -1;
};

/// A real redis-server, no persistence.
class RedisServer {
public:
    explicit RedisServer(const std::string& binary)
        : m_dir("redis"), m_port(free_loopback_port()),
          m_process({binary, "--port", std::to_string(m_port), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--daemonize", "no", "--dir", m_dir.path().string()},
                    m_dir / "log", m_port) {}
    bool up() const { return m_process.up(); }
    std::string url() const { return fmt::format("redis://127.0.0.1:{}", m_port); }
    void pause() { m_process.pause(); }
    void kill() { m_process.kill(); }

private:
    TempDir m_dir;
    int m_port;
    ServerProcess m_process;
};

/// A real nginx serving `data/` with WebDAV PUT and DELETE, as a team would
/// set one up for the HTTP cache; run as the current user, one process
/// (master_process off), every path it writes in its own folder.
class NginxServer {
public:
    explicit NginxServer(const std::string& binary)
        : m_dir("nginx"), m_port(free_loopback_port()), m_process(start(binary)) {}
    bool up() const { return m_process.up(); }
    /// `folder`: "cache" (WebDAV), "private" (WebDAV, only with the bearer
    /// token), "static" (no PUT: 405).
    std::string url(const std::string& folder = "cache") const {
        return fmt::format("http://127.0.0.1:{}/{}", m_port, folder);
    }
    static constexpr const char* token = "team-token";
    /// Where the entries land: `cache/<key hex>`.
    std::filesystem::path data() const { return m_dir / "data"; }
    void pause() { m_process.pause(); }
    void kill() { m_process.kill(); }

private:
    ServerProcess start(const std::string& binary) {
        std::filesystem::create_directories(m_dir / "data");
        std::string d = m_dir.path().string();
        write_text(m_dir / "nginx.conf", fmt::format(R"(daemon off;
master_process off;
worker_processes 1;
pid {0}/nginx.pid;
error_log {0}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {0}/body;
    proxy_temp_path {0}/proxy;
    fastcgi_temp_path {0}/fastcgi;
    uwsgi_temp_path {0}/uwsgi;
    scgi_temp_path {0}/scgi;
    client_max_body_size 64m;
    server {{
        listen 127.0.0.1:{1};
        root {0}/data;
        location /cache/ {{
            dav_methods PUT DELETE;
            create_full_put_path on;
            dav_access user:rw;
        }}
        location /private/ {{
            if ($http_authorization != "Bearer {2}") {{ return 401; }}
            dav_methods PUT DELETE;
            create_full_put_path on;
            dav_access user:rw;
        }}
        location /static/ {{ }}
    }}
}}
)", d, m_port, token));
        return ServerProcess({binary, "-p", d, "-c", d + "/nginx.conf", "-e", d + "/error.log"}, m_dir / "log",
                             m_port);
    }

    TempDir m_dir;
    int m_port;
    ServerProcess m_process;
};

/// Starts server `Type` from executable `exe` as variable `name`, or skips
/// the test with a warning when `exe` is not installed (make deps installs it).
#define SERVER_OR_SKIP(Type, exe, name)                                                                      \
    auto name##_binary = ::lazycad::test::find_server(exe);                                                  \
    if (!name##_binary) {                                                                                    \
        WARN(exe " is not installed (make deps installs it): test skipped");                                 \
        return;                                                                                              \
    }                                                                                                        \
    Type name(*name##_binary);                                                                               \
    REQUIRE(name.up())

/// One team member: a HOME and a cache folder of their own.
struct Client {
    TempDir home{"home"};
    std::filesystem::path cache() const { return home / "cache"; }
    std::string env(const std::string& extra = "") const {
        return fmt::format("HOME='{}' LAZYCAD_CACHE_DIR='{}' {}", home.path().string(), cache().string(), extra);
    }
};

/// How many entries a cache folder holds.
inline std::size_t entries_in(const std::filesystem::path& cache) {
    std::size_t n = 0;
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(cache / "objects", ec), end; !ec && it != end;
         it.increment(ec))
        n += it->is_regular_file() && it->path().filename().string().size() == 64;
    return n;
}

/// The volume a `run -v` printed for its (single) root.
inline double printed_volume(const std::string& output) {
    auto at = output.find("): volume ");
    return at == std::string::npos ? -1 : std::stod(output.substr(at + 10));
}

/// A cold run of a drilled part `h` tall against a remote that accepts
/// connections but never answers (`o` names it): what it computed, the
/// seconds it spent neither computing nor checking, and its warnings.
struct HungRemoteRun {
    Shape part;
    Evaluation evaluation;
    double lost_seconds = 0;
    std::vector<std::string> warnings;
    double expected_volume = 0;
};

inline HungRemoteRun run_against_hung_remote(const EvalOptions& o, double h) {
    std::vector<Shape> holes;
    for (int i = 0; i < 4; ++i) holes.push_back(cylinder(1, h).right(2 + 2.5 * i).forw(5));
    HungRemoteRun r;
    r.part = box(12, 10, h) - union_all(holes);
    r.expected_volume = 12 * 10 * h - 4 * M_PI * h;
    WarningCatcher w;
    auto t0 = std::chrono::steady_clock::now();
    r.evaluation = evaluate({r.part}, o);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.lost_seconds = seconds - r.evaluation.compute_ms / 1000 - r.evaluation.check_ms / 1000;
    r.warnings = w.warnings();
    INFO(fmt::format("{:.2f} s in all, {:.2f} s not computing", seconds, r.lost_seconds));
    return r;
}

} // namespace lazycad::test
