#include "cache/http_backend.hpp"

#include <cstdlib>
#include <mutex>
#include <regex>
#include <vector>

#include <curl/curl.h>
#include <fmt/format.h>

#include "lazycad/evaluate.hpp"

namespace lazycad::detail {

namespace {

// On a LAN a cache answers in a millisecond: a server that does not accept a
// connection in this time is treated as gone for the rest of the run.
constexpr long default_connect_ms = 300;
// A whole request, body included: an entry is a few hundred kB at most
// (1 s is 4 MB/s); a slower link raises it with `|operation-timeout=MS`.
constexpr long default_operation_ms = 1000;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

/// The body of an answer to PUT, HEAD or DELETE (an error page, say): not
/// wanted, and libcurl would print it on stdout otherwise.
std::size_t discard_body(char*, std::size_t size, std::size_t n, void*) { return size * n; }

struct Upload {
    std::string_view bytes;
    std::size_t at = 0;
};
std::size_t read_body(char* buffer, std::size_t size, std::size_t n, void* in) {
    auto* u = static_cast<Upload*>(in);
    std::size_t count = std::min(size * n, u->bytes.size() - u->at);
    std::copy_n(u->bytes.data() + u->at, count, buffer);
    u->at += count;
    return count;
}

class HttpBackend : public RemoteBackend {
public:
    HttpBackend(std::string base, std::string shown, long connect_ms, long operation_ms)
        : m_base(std::move(base)), m_shown(std::move(shown)), m_connect_ms(connect_ms),
          m_operation_ms(operation_ms) {
        global_init();
        // No "Expect: 100-continue" before a PUT body: one round trip less.
        m_headers = curl_slist_append(m_headers, "Expect:");
        if (const char* token = std::getenv("LAZYCAD_REMOTE_CACHE_TOKEN"); token && *token)
            m_headers = curl_slist_append(m_headers, (std::string("Authorization: Bearer ") + token).c_str());
    }
    ~HttpBackend() override {
        for (CURL* c : m_idle) curl_easy_cleanup(c);
        curl_slist_free_all(m_headers);
    }
    HttpBackend(const HttpBackend&) = delete;
    HttpBackend& operator=(const HttpBackend&) = delete;

    std::optional<std::string> get(const std::string& key_hex) override {
        Handle h(*this);
        std::string body;
        curl_easy_setopt(h.curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, append_body);
        curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &body);
        long status = perform(h.curl, key_hex, "GET");
        if (status == 404) return std::nullopt;
        if (status != 200) refused("GET", status);
        return body;
    }

    void put(const std::string& key_hex, std::string_view bytes) override {
        Handle h(*this);
        Upload u{bytes};
        curl_easy_setopt(h.curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(h.curl, CURLOPT_READFUNCTION, read_body);
        curl_easy_setopt(h.curl, CURLOPT_READDATA, &u);
        curl_easy_setopt(h.curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(bytes.size()));
        long status = perform(h.curl, key_hex, "PUT");
        if (status < 200 || status > 299) refused("PUT", status);
    }

    bool head(const std::string& key_hex) override {
        Handle h(*this);
        curl_easy_setopt(h.curl, CURLOPT_NOBODY, 1L);
        long status = perform(h.curl, key_hex, "HEAD");
        if (status == 404) return false;
        if (status < 200 || status > 299) refused("HEAD", status);
        return true;
    }

    void remove(const std::string& key_hex) override {
        Handle h(*this);
        curl_easy_setopt(h.curl, CURLOPT_CUSTOMREQUEST, "DELETE");
        long status = perform(h.curl, key_hex, "DELETE");
        if (status != 404 && (status < 200 || status > 299)) refused("DELETE", status);
    }

    std::string describe() const override { return m_shown; }

private:
    /// An easy handle from the idle pool (its connection is kept alive for the
    /// next request), reset to this backend's options; back to the pool after.
    struct Handle {
        explicit Handle(HttpBackend& b) : backend(b) {
            {
                std::lock_guard lock(b.m_mutex);
                if (!b.m_idle.empty()) {
                    curl = b.m_idle.back();
                    b.m_idle.pop_back();
                }
            }
            if (!curl) curl = curl_easy_init();
            if (!curl) throw RemoteError(RemoteFailure::unavailable, b.m_shown + ": curl_easy_init failed");
            curl_easy_reset(curl);
            // No signals: timeouts without SIGALRM, and safe in worker threads.
            curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, b.m_connect_ms);
            curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, b.m_operation_ms);
            curl_easy_setopt(curl, CURLOPT_HTTPHEADER, b.m_headers);
            curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
        }
        ~Handle() {
            std::lock_guard lock(backend.m_mutex);
            backend.m_idle.push_back(curl);
        }
        Handle(const Handle&) = delete;
        Handle& operator=(const Handle&) = delete;
        HttpBackend& backend;
        CURL* curl = nullptr;
    };

    /// Runs the request; returns the HTTP status, or throws a typed RemoteError
    /// when no status came back.
    long perform(CURL* curl, const std::string& key_hex, const char* what) {
        std::string url = m_base + "/" + key_hex;
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        char error[CURL_ERROR_SIZE] = {};
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
        CURLcode rc = curl_easy_perform(curl);
        if (rc != CURLE_OK) {
            RemoteFailure f = rc == CURLE_OPERATION_TIMEDOUT ? RemoteFailure::timeout
                              : rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                                        rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_GOT_NOTHING ||
                                        rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR ||
                                        rc == CURLE_SSL_CONNECT_ERROR
                                  ? RemoteFailure::unavailable
                                  : RemoteFailure::refused;
            throw RemoteError(f, fmt::format("{}: {} failed ({})", m_shown, what,
                                             *error ? error : curl_easy_strerror(rc)));
        }
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return status;
    }

    /// An answer that is neither the entry nor "none": auth, read-only, full,
    /// a server error.
    [[noreturn]] void refused(const char* what, long status) const {
        throw RemoteError(RemoteFailure::refused, fmt::format("{}: {} refused (HTTP {})", m_shown, what, status));
    }

    std::string m_base;  ///< scheme://[credentials@]host[:port][/prefix], no trailing slash
    std::string m_shown; ///< the same without credentials
    long m_connect_ms;
    long m_operation_ms;
    curl_slist* m_headers = nullptr;
    std::mutex m_mutex;
    std::vector<CURL*> m_idle;
};

long milliseconds(const std::string& url, const std::string& name, const std::string& value) {
    static const std::regex digits(R"(\d{1,7})");
    if (!std::regex_match(value, digits) || std::stol(value) == 0)
        throw Error("remote cache", "url",
                    fmt::format("remote cache: url '{}': {} must be milliseconds, not '{}'", url, name, value));
    return std::stol(value);
}

} // namespace

std::unique_ptr<RemoteBackend> open_http_backend(const std::string& text) {
    RemoteUrl parsed = split_remote_url(text);
    static const std::regex form(R"((https?)://(?:([^@/]*)@)?([^/@|]+?)(/[^|]*?)?/*)");
    std::smatch m;
    if (!std::regex_match(parsed.url, m, form))
        throw Error("remote cache", "url",
                    fmt::format("remote cache: url '{}' is not http[s]://host[:port][/prefix]", parsed.url));
    std::string path = m[4].matched ? m[4].str() : "";
    std::string base = m[1].str() + "://" + (m[2].matched ? m[2].str() + "@" : "") + m[3].str() + path;
    std::string shown = m[1].str() + "://" + m[3].str() + path; // never the credentials
    long connect_ms = default_connect_ms, operation_ms = default_operation_ms;
    for (const auto& [name, value] : parsed.attributes) {
        if (name == "connect-timeout") connect_ms = milliseconds(shown, name, value);
        else if (name == "operation-timeout") operation_ms = milliseconds(shown, name, value);
        else warn(fmt::format("remote cache: unknown attribute '{}' for {} ignored", name, m[1].str()));
    }
    return std::make_unique<HttpBackend>(base, shown, connect_ms, operation_ms);
}

} // namespace lazycad::detail
