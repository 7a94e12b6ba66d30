#include "dependencies.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "lazycad/key.hpp"
#include "private_folder.hpp"

namespace lazycad::script {

namespace {

std::int64_t ns(const struct timespec& t) { return std::int64_t(t.tv_sec) * 1000000000 + t.tv_nsec; }

/// Files changed this recently are read again next time even if their
/// identity matches: a write within the file system's clock tick could keep
/// the same mtime.
constexpr std::int64_t trust_after_ns = 2'000'000'000;

} // namespace

std::int64_t now_ns() {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return ns(t);
}

std::vector<std::string> parse_depfile(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    bool target_done = false;
    auto flush = [&] {
        if (word.empty()) return;
        if (target_done) out.push_back(word);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            char n = text[i + 1];
            if (n == '\n') { // line continuation
                flush();
                ++i;
                continue;
            }
            if (n == ' ' || n == '#' || n == '\\') {
                word += n;
                ++i;
                continue;
            }
            word += c;
            continue;
        }
        if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
            word += '$';
            ++i;
            continue;
        }
        if (!target_done && c == ':' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
            word.clear();
            target_done = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            flush();
            continue;
        }
        if (c == '\n') { // end of the first rule
            flush();
            if (target_done) break;
            continue;
        }
        word += c;
    }
    flush();
    return out;
}

std::optional<Dependency> hash_dependency(const std::string& path, bool local) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st;
    std::optional<std::string> bytes;
    if (fstat(fd, &st) == 0) bytes = read_fd(fd);
    close(fd);
    if (!bytes) return std::nullopt;
    Dependency d;
    d.path = path;
    d.hash = sha256(*bytes).hex();
    d.local = local;
    std::int64_t trust_before = now_ns() - trust_after_ns;
    if (ns(st.st_mtim) < trust_before && ns(st.st_ctim) < trust_before) {
        d.size = st.st_size;
        d.mtime_ns = ns(st.st_mtim);
        d.ctime_ns = ns(st.st_ctim);
        d.inode = std::int64_t(st.st_ino);
    }
    return d;
}

bool unchanged(const Dependency& d) {
    struct stat st;
    if (stat(d.path.c_str(), &st) != 0) return false;
    if (d.mtime_ns != 0 && st.st_size == d.size && ns(st.st_mtim) == d.mtime_ns &&
        ns(st.st_ctim) == d.ctime_ns && std::int64_t(st.st_ino) == d.inode)
        return true;
    std::optional<Dependency> now = hash_dependency(d.path, d.local);
    return now && now->hash == d.hash;
}

bool modified_since(const Dependency& d, std::int64_t since_ns) {
    struct stat st;
    if (stat(d.path.c_str(), &st) != 0) return true;
    // A file changed in the first 10 ms after the compiler was started was
    // changed before it read anything (starting cc1plus and loading the
    // precompiled header take longer): the object has the new content. The
    // margin also absorbs file times stamped from the coarse clock, a tick
    // behind the real one.
    constexpr std::int64_t grace = 10'000'000;
    return ns(st.st_mtim) > since_ns + grace || ns(st.st_ctim) > since_ns + grace;
}

std::string code_fingerprint(const std::vector<Dependency>& deps) {
    std::string all = "lazycad-code-1\n";
    for (const Dependency& d : deps)
        if (d.local) all += d.hash + "\n";
    return sha256(all).hex();
}

std::string Manifest::encode() const {
    std::string s = "lazycad-manifest 1\nobject " + object + "\n";
    for (const Dependency& d : deps)
        s += fmt::format("dep {} {} {} {} {} {} {}\n", d.hash, d.local ? 1 : 0, d.size, d.mtime_ns,
                         d.ctime_ns, d.inode, d.path);
    return s;
}

std::optional<Manifest> Manifest::decode(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != "lazycad-manifest 1") return std::nullopt;
    Manifest m;
    if (!std::getline(in, line) || !line.starts_with("object ")) return std::nullopt;
    m.object = line.substr(7);
    while (std::getline(in, line)) {
        std::istringstream l(line);
        std::string tag;
        Dependency d;
        int local = 0;
        if (!(l >> tag >> d.hash >> local >> d.size >> d.mtime_ns >> d.ctime_ns >> d.inode) || tag != "dep")
            return std::nullopt;
        d.local = local != 0;
        l.get();
        std::getline(l, d.path);
        if (d.path.empty() || d.path[0] != '/' || d.hash.size() != 64) return std::nullopt;
        m.deps.push_back(std::move(d));
    }
    if (m.object.empty() || m.object.find('/') != std::string::npos || m.deps.empty()) return std::nullopt;
    return m;
}

std::vector<Manifest> Manifest::decode_all(const std::string& text) {
    static const std::string head = "lazycad-manifest 1\n";
    std::vector<Manifest> out;
    for (std::size_t at = text.find(head); at != std::string::npos;) {
        std::size_t next = text.find("\n" + head, at);
        std::size_t end = next == std::string::npos ? text.size() : next + 1;
        if (std::optional<Manifest> m = decode(text.substr(at, end - at))) out.push_back(std::move(*m));
        at = next == std::string::npos ? next : next + 1;
    }
    return out;
}

std::string Manifest::encode_all(const std::vector<Manifest>& entries) {
    std::string s;
    for (const Manifest& m : entries) s += m.encode();
    return s;
}

bool Manifest::valid() const {
    for (const Dependency& d : deps)
        if (!unchanged(d)) return false;
    return true;
}

} // namespace lazycad::script
