#include "cache/directory_store.hpp"

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <streambuf>

#include <BinTools.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>

#include "cache/atomic_file.hpp"
#include "graph/key_encoder.hpp"

namespace fs = std::filesystem;

namespace lazycad::detail {

namespace {

constexpr char magic[8] = {'L', 'Z', 'C', 'D', 'N', 'O', 'D', 'E'};
constexpr std::size_t header_size = 8 + 4 + 32 + 4 + 8 + 32;

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void put_le(std::string& out, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(char(v >> (8 * i)));
}
std::uint64_t get_le(const char* p, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= std::uint64_t(std::uint8_t(p[i])) << (8 * i);
    return v;
}

NodeKey digest(std::string_view record, std::string_view payload) {
    return sha256_key({record, payload});
}

/// Read-only stream buffer over bytes already in memory (no copy).
class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());
        setg(p, p, p + bytes.size());
    }

protected:
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
        char* target = dir == std::ios_base::beg   ? eback() + off
                       : dir == std::ios_base::cur ? gptr() + off
                                                   : egptr() + off;
        if (target < eback() || target > egptr()) return pos_type(off_type(-1));
        setg(eback(), target, egptr());
        return pos_type(target - eback());
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode m) override {
        return seekoff(off_type(pos), std::ios_base::beg, m);
    }
};

std::optional<std::string> read_whole_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (size < 0) return std::nullopt;
    bytes.resize(std::size_t(size));
    in.seekg(0);
    in.read(bytes.data(), size);
    if (!in) return std::nullopt;
    return bytes;
}

std::optional<NodeKey> key_from_filename(const fs::path& p) {
    try {
        return NodeKey::from_hex(p.filename().string());
    } catch (...) {
        return std::nullopt;
    }
}

} // namespace

std::string encode_entry(const NodeKey& key, const std::string& record, const std::string& payload) {
    std::string head;
    head.reserve(header_size + record.size());
    head.append(magic, 8);
    put_le(head, cache_format_version, 4);
    head.append(reinterpret_cast<const char*>(key.bytes.data()), 32);
    put_le(head, record.size(), 4);
    put_le(head, payload.size(), 8);
    NodeKey d = digest(record, payload);
    head.append(reinterpret_cast<const char*>(d.bytes.data()), 32);
    head.append(record);
    return head;
}

std::optional<DecodedEntry> decode_entry(const NodeKey& key, std::string_view bytes,
                                         std::string& why) {
    if (bytes.size() < header_size) {
        why = bytes.empty() ? "empty file" : "truncated header";
        return std::nullopt;
    }
    const char* p = bytes.data();
    if (std::memcmp(p, magic, 8) != 0) {
        why = "bad magic";
        return std::nullopt;
    }
    if (get_le(p + 8, 4) != cache_format_version) {
        why = fmt::format("format version {} (expected {})", get_le(p + 8, 4), cache_format_version);
        return std::nullopt;
    }
    if (std::memcmp(p + 12, key.bytes.data(), 32) != 0) {
        why = "entry belongs to another key";
        return std::nullopt;
    }
    std::uint64_t record_len = get_le(p + 44, 4);
    std::uint64_t payload_len = get_le(p + 48, 8);
    // Compare without overflow: a corrupt length must not wrap around.
    if (payload_len > bytes.size() || bytes.size() != header_size + record_len + payload_len) {
        why = fmt::format("size {} does not match its header ({})", bytes.size(),
                          header_size + record_len + payload_len);
        return std::nullopt;
    }
    std::string_view record = bytes.substr(header_size, record_len);
    std::string_view payload = bytes.substr(header_size + record_len);
    NodeKey d = digest(record, payload);
    if (std::memcmp(p + 56, d.bytes.data(), 32) != 0) {
        why = "content digest mismatch";
        return std::nullopt;
    }
    return DecodedEntry{std::string(record), payload};
}

std::unique_ptr<DirectoryStore> DirectoryStore::open(const fs::path& root) {
    std::error_code ec;
    fs::create_directories(root / "objects", ec);
    if (!ec) {
        // Writable? Probe with a real atomic write, as a store would.
        try {
            write_file_atomically(root / "objects" / ".probe", "ok");
            fs::remove(root / "objects" / ".probe", ec);
            return std::unique_ptr<DirectoryStore>(new DirectoryStore(root));
        } catch (const std::exception& e) {
            warn(fmt::format("cache folder {} is not usable ({}); running without a cache",
                             root.string(), e.what()));
            return nullptr;
        }
    }
    warn(fmt::format("cache folder {} is not usable ({}); running without a cache", root.string(),
                     ec.message()));
    return nullptr;
}

fs::path DirectoryStore::entry_path(const NodeKey& key) const {
    std::string hex = key.hex();
    return objects_dir() / hex.substr(0, 2) / hex;
}

bool DirectoryStore::contains(const NodeKey& key) const {
    std::error_code ec;
    return fs::is_regular_file(entry_path(key), ec);
}

std::optional<TopoDS_Shape> DirectoryStore::load(const NodeKey& key, Stats& stats) {
    auto t0 = Clock::now();
    fs::path path = entry_path(key);
    std::optional<std::string> bytes = read_whole_file(path);
    if (!bytes) return std::nullopt; // absent: a plain miss
    std::string why;
    std::optional<DecodedEntry> entry = decode_entry(key, *bytes, why);
    TopoDS_Shape shape;
    if (entry) {
        try {
            MemoryBuffer buf(entry->payload);
            std::istream in(&buf);
            BinTools::Read(shape, in);
            if (shape.IsNull()) why = "payload holds no shape";
        } catch (const Standard_Failure& f) {
            why = std::string("payload unreadable: ") + f.GetMessageString();
        } catch (const std::exception& e) {
            why = std::string("payload unreadable: ") + e.what();
        }
    }
    if (!why.empty()) {
        std::error_code ec;
        fs::remove(path, ec);
        warn(fmt::format("cache entry {} is bad ({}); removed, will recompute", path.string(), why));
        return std::nullopt;
    }
    std::error_code ec;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec); // LRU stamp for gc
    stats.bytes_read += bytes->size();
    stats.load_ms += ms_since(t0);
    return shape;
}

void DirectoryStore::store(const NodeKey& key, const TopoDS_Shape& shape, const std::string& record,
                           Stats& stats) {
    if (m_store_failed) return;
    auto t0 = Clock::now();
    try {
        std::ostringstream out(std::ios::binary);
        // Triangles too, when a shape has them: the viewer's mesh nodes
        // (viewer/model_job.cpp) are cached so that a warm open meshes nothing.
        BinTools::Write(shape, out, /*withTriangles=*/true, /*withNormals=*/true,
                        BinTools_FormatVersion_CURRENT);
        std::string payload = std::move(out).str();
        std::string head = encode_entry(key, record, payload);
        fs::path path = entry_path(key);
        fs::create_directories(path.parent_path());
        write_file_atomically(path, head, payload);
        stats.bytes_written += head.size() + payload.size();
        stats.stored += 1;
    } catch (const Standard_Failure& f) {
        m_store_failed = true;
        warn(fmt::format("cannot write to cache {} ({}); results are no longer stored",
                         m_root.string(), f.GetMessageString()));
    } catch (const std::exception& e) {
        m_store_failed = true;
        warn(fmt::format("cannot write to cache {} ({}); results are no longer stored",
                         m_root.string(), e.what()));
    }
    stats.store_ms += ms_since(t0);
}

std::vector<EntryInfo> DirectoryStore::list() const {
    std::vector<EntryInfo> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(objects_dir(), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::optional<NodeKey> key = key_from_filename(it->path());
        if (!key) continue;
        EntryInfo info{*key, it->path(), it->file_size(ec), it->last_write_time(ec), {}};
        std::ifstream in(it->path(), std::ios::binary);
        char head[header_size];
        if (in.read(head, header_size)) {
            std::uint64_t record_len = get_le(head + 44, 4);
            if (record_len < (1u << 20)) {
                info.record.resize(record_len);
                if (!in.read(info.record.data(), std::streamsize(record_len))) info.record.clear();
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

std::size_t DirectoryStore::verify() {
    std::size_t bad = 0;
    for (const EntryInfo& e : list()) {
        std::optional<std::string> bytes = read_whole_file(e.path);
        std::string why = "unreadable";
        if (bytes && decode_entry(e.key, *bytes, why)) continue;
        std::error_code ec;
        fs::remove(e.path, ec);
        warn(fmt::format("cache entry {} is bad ({}); removed", e.path.string(), why));
        ++bad;
    }
    return bad;
}

std::size_t DirectoryStore::gc(std::uint64_t max_bytes) {
    std::error_code ec;
    // Temporary files older than an hour are leftovers of killed writers.
    auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (fs::recursive_directory_iterator it(objects_dir(), ec), end; !ec && it != end;
         it.increment(ec))
        if (is_temporary_name(it->path().filename().string()) && it->last_write_time(ec) < stale)
            fs::remove(it->path(), ec);

    std::vector<EntryInfo> entries = list();
    std::sort(entries.begin(), entries.end(),
              [](const EntryInfo& a, const EntryInfo& b) { return a.last_used < b.last_used; });
    std::uint64_t total = 0;
    for (const EntryInfo& e : entries) total += e.size;
    std::size_t removed = 0;
    for (const EntryInfo& e : entries) {
        if (total <= max_bytes) break;
        if (fs::remove(e.path, ec)) {
            total -= e.size;
            ++removed;
        }
    }
    return removed;
}

void DirectoryStore::clear() {
    std::error_code ec;
    fs::remove_all(objects_dir(), ec);
    fs::create_directories(objects_dir(), ec);
}

} // namespace lazycad::detail
