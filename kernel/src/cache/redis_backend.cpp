#include "cache/redis_backend.hpp"

#include <cerrno>
#include <csignal>
#include <ctime>
#include <mutex>
#include <regex>

#include <pthread.h>

#include <fmt/format.h>
#include <hiredis/hiredis.h>

#include "lazycad/cache.hpp"

namespace lazycad::detail {

namespace {

// Short: on a LAN a cache answers in a millisecond; a server that does not
// answer in this time is treated as gone for the rest of the run.
constexpr timeval connect_timeout{0, 300'000};
constexpr timeval command_timeout{0, 500'000};

/// hiredis writes with write(): to a server that died, that raises SIGPIPE,
/// which would kill the process. A library must not change the process's
/// signal handling, so SIGPIPE is blocked in this thread for the call and a
/// SIGPIPE it raised is consumed before unblocking.
class SigpipeBlocked {
public:
    SigpipeBlocked() {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_was_pending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~SigpipeBlocked() {
        sigset_t pending;
        sigpending(&pending);
        if (!m_was_pending && sigismember(&pending, SIGPIPE) == 1) {
            timespec zero{0, 0};
            sigtimedwait(&m_pipe, nullptr, &zero);
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeBlocked(const SigpipeBlocked&) = delete;
    SigpipeBlocked& operator=(const SigpipeBlocked&) = delete;

private:
    sigset_t m_pipe, m_old;
    bool m_was_pending = false;
};

class RedisBackend : public RemoteBackend {
public:
    RedisBackend(std::string host, int port, int db, long long ttl_s)
        : m_host(std::move(host)), m_port(port), m_db(db), m_ttl_s(ttl_s) {}
    ~RedisBackend() override {
        if (m_ctx) redisFree(m_ctx);
    }

    std::optional<std::string> get(const std::string& key_hex) override {
        std::lock_guard lock(m_mutex);
        std::string key = redis_key(key_hex);
        // With a TTL, a hit renews it (GETEX, Redis 6.2+): entries in use stay.
        Reply r = m_ttl_s ? command("GETEX %b EX %lld", key.data(), key.size(), m_ttl_s)
                          : command("GET %b", key.data(), key.size());
        if (r->type == REDIS_REPLY_NIL) return std::nullopt;
        if (r->type != REDIS_REPLY_STRING) fail_reply(r.get(), "GET");
        return std::string(r->str, r->len);
    }

    void put(const std::string& key_hex, std::string_view bytes) override {
        std::lock_guard lock(m_mutex);
        std::string key = redis_key(key_hex);
        Reply r = m_ttl_s ? command("SET %b %b EX %lld", key.data(), key.size(), bytes.data(), bytes.size(), m_ttl_s)
                          : command("SET %b %b", key.data(), key.size(), bytes.data(), bytes.size());
        if (r->type != REDIS_REPLY_STATUS) fail_reply(r.get(), "SET");
    }

    bool head(const std::string& key_hex) override {
        std::lock_guard lock(m_mutex);
        std::string key = redis_key(key_hex);
        Reply r = command("EXISTS %b", key.data(), key.size());
        if (r->type != REDIS_REPLY_INTEGER) fail_reply(r.get(), "EXISTS");
        return r->integer > 0;
    }

    void remove(const std::string& key_hex) override {
        std::lock_guard lock(m_mutex);
        std::string key = redis_key(key_hex);
        Reply r = command("DEL %b", key.data(), key.size());
        if (r->type != REDIS_REPLY_INTEGER) fail_reply(r.get(), "DEL");
    }

    bool lease(const std::string& key_hex, const std::string& owner, int ms) override {
        std::lock_guard lock(m_mutex);
        std::string key = "lazycad:lease:" + key_hex;
        Reply r = command("SET %b %b NX PX %d", key.data(), key.size(), owner.data(), owner.size(), ms);
        if (r->type == REDIS_REPLY_NIL) return false;
        if (r->type != REDIS_REPLY_STATUS) fail_reply(r.get(), "SET NX");
        return true;
    }

    bool has_leases() const override { return true; }

    void release(const std::string& key_hex, const std::string& owner) override {
        std::lock_guard lock(m_mutex);
        std::string key = "lazycad:lease:" + key_hex;
        // Compare and delete in one step: never another owner's later lease.
        Reply r = command("EVAL %s 1 %b %b",
                          "if redis.call('get', KEYS[1]) == ARGV[1] then "
                          "return redis.call('del', KEYS[1]) else return 0 end",
                          key.data(), key.size(), owner.data(), owner.size());
        if (r->type != REDIS_REPLY_INTEGER) fail_reply(r.get(), "EVAL release");
    }

    std::string describe() const override {
        return fmt::format("redis://{}:{}/{}", m_host, m_port, m_db);
    }

private:
    struct FreeReply {
        void operator()(redisReply* r) const { freeReplyObject(r); }
    };
    using Reply = std::unique_ptr<redisReply, FreeReply>;

    static std::string redis_key(const std::string& key_hex) { return "lazycad:" + key_hex; }

    /// Connects on first use; after a failure the context is dropped (hiredis
    /// cannot reuse it), and the next call connects again.
    template <typename... Args>
    Reply command(const char* format, Args... args) {
        SigpipeBlocked guard;
        if (!m_ctx) connect();
        auto* r = static_cast<redisReply*>(redisCommand(m_ctx, format, args...));
        if (!r) fail_context("command");
        return Reply(r);
    }

    void connect() {
        m_ctx = redisConnectWithTimeout(m_host.c_str(), m_port, connect_timeout);
        if (!m_ctx) throw RemoteError(RemoteFailure::unavailable, describe() + ": out of memory");
        if (m_ctx->err) fail_context("connect");
        redisSetTimeout(m_ctx, command_timeout);
        if (m_db != 0) {
            Reply r = command("SELECT %d", m_db);
            if (r->type == REDIS_REPLY_ERROR) fail_reply(r.get(), "SELECT");
        }
    }

    [[noreturn]] void fail_context(const char* what) {
        int err = m_ctx ? m_ctx->err : REDIS_ERR_OTHER;
        std::string message = m_ctx ? m_ctx->errstr : "no context";
        // hiredis reports a socket timeout as an I/O error with EAGAIN, and a
        // connect timeout as "Connection timed out".
        bool timed_out = (err == REDIS_ERR_IO && (errno == EAGAIN || errno == ETIMEDOUT)) ||
                         message.find("timed out") != std::string::npos;
        if (m_ctx) redisFree(m_ctx);
        m_ctx = nullptr;
        throw RemoteError(timed_out ? RemoteFailure::timeout : RemoteFailure::unavailable,
                          fmt::format("{}: {} failed ({})", describe(), what,
                                      timed_out ? "timed out" : message));
    }

    [[noreturn]] void fail_reply(const redisReply* r, const char* what) const {
        std::string message = r->type == REDIS_REPLY_ERROR ? std::string(r->str, r->len)
                                                           : fmt::format("reply type {}", r->type);
        throw RemoteError(RemoteFailure::refused,
                          fmt::format("{}: {} refused ({})", describe(), what, message));
    }

    std::string m_host;
    int m_port;
    int m_db;
    long long m_ttl_s; ///< 0: entries never expire
    std::mutex m_mutex;
    redisContext* m_ctx = nullptr;
};

} // namespace

std::unique_ptr<RemoteBackend> open_redis_backend(const std::string& text) {
    RemoteUrl parsed = split_remote_url(text);
    const std::string& url = parsed.url;
    long long ttl_s = 0;
    for (const auto& [name, value] : parsed.attributes) {
        if (name == "ttl") ttl_s = parse_duration(value, "ttl");
        else warn(fmt::format("remote cache: unknown attribute '{}' for redis ignored", name));
    }
    static const std::regex form(R"(redis://([A-Za-z0-9._-]+)(?::(\d{1,5}))?(?:/(\d{1,2}))?/?)");
    std::smatch m;
    if (!std::regex_match(url, m, form))
        throw Error("remote cache", "url",
                    fmt::format("remote cache: url '{}' is not redis://host[:port][/db]", url));
    int port = m[2].matched ? std::stoi(m[2]) : 6379;
    if (port < 1 || port > 65535)
        throw Error("remote cache", "url", fmt::format("remote cache: bad port in url '{}'", url));
    return std::make_unique<RedisBackend>(m[1], port, m[3].matched ? std::stoi(m[3]) : 0, ttl_s);
}

} // namespace lazycad::detail
