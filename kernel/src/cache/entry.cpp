#include "cache/entry.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <sstream>
#include <streambuf>

#include <BRep_Tool.hxx>
#include <BinTools.hxx>
#include <Geom_Curve.hxx>
#include <Geom_Surface.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "eval/occt_setup.hpp"
#include "graph/key_encoder.hpp"
#include "lazycad/error.hpp"

namespace lazycad::detail {

namespace {

constexpr char magic[8] = {'L', 'Z', 'C', 'D', 'N', 'O', 'D', 'E'};
constexpr std::size_t mac_at = 88; // the MAC covers the header bytes before it

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

std::array<unsigned char, 32> mac_of(std::string_view head, const CacheSecret& secret) {
    std::array<unsigned char, 32> out{};
    unsigned len = 0;
    if (!HMAC(EVP_sha256(), secret.bytes.data(), int(secret.bytes.size()),
              reinterpret_cast<const unsigned char*>(head.data()), head.size(), out.data(), &len) ||
        len != out.size())
        throw Error("HMAC-SHA256 through OpenSSL failed");
    return out;
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

/// What every shape lazycad writes has and a forged stream may lack: faces
/// with a surface, edges with a 3D curve (or degenerate), finite points and
/// tolerances. Cheap (one walk over the topology, no geometry computed); it
/// turns payloads that would crash or mislead later algorithms into misses.
std::string structural_fault(const TopoDS_Shape& shape) {
    for (TopExp_Explorer e(shape, TopAbs_FACE); e.More(); e.Next()) {
        const TopoDS_Face& f = TopoDS::Face(e.Current());
        if (BRep_Tool::Surface(f).IsNull()) return "payload holds a face without a surface";
        if (!(BRep_Tool::Tolerance(f) < 1e3)) return "payload holds a face with a broken tolerance";
    }
    for (TopExp_Explorer e(shape, TopAbs_EDGE); e.More(); e.Next()) {
        const TopoDS_Edge& edge = TopoDS::Edge(e.Current());
        double first = 0, last = 0;
        if (!BRep_Tool::Degenerated(edge) && BRep_Tool::Curve(edge, first, last).IsNull())
            return "payload holds an edge without a curve";
        if (!std::isfinite(first) || !std::isfinite(last))
            return "payload holds an edge with a broken range";
        if (!(BRep_Tool::Tolerance(edge) < 1e3)) return "payload holds an edge with a broken tolerance";
    }
    for (TopExp_Explorer e(shape, TopAbs_VERTEX); e.More(); e.Next()) {
        const TopoDS_Vertex& v = TopoDS::Vertex(e.Current());
        gp_Pnt p = BRep_Tool::Pnt(v);
        if (!(std::abs(p.X()) < 1e9 && std::abs(p.Y()) < 1e9 && std::abs(p.Z()) < 1e9))
            return "payload holds a vertex out of bounds";
        if (!(BRep_Tool::Tolerance(v) < 1e3)) return "payload holds a vertex with a broken tolerance";
    }
    return {};
}

} // namespace

std::string encode_entry(const NodeKey& key, const std::string& record, const std::string& payload,
                         const CacheSecret* secret) {
    std::string head;
    head.reserve(entry_header_size + record.size());
    head.append(magic, 8);
    put_le(head, entry_format_version, 4);
    head.append(reinterpret_cast<const char*>(key.bytes.data()), 32);
    put_le(head, record.size(), 4);
    put_le(head, payload.size(), 8);
    NodeKey d = digest(record, payload);
    head.append(reinterpret_cast<const char*>(d.bytes.data()), 32);
    if (secret) {
        auto mac = mac_of(head, *secret);
        head.append(reinterpret_cast<const char*>(mac.data()), mac.size());
    } else {
        head.append(32, '\0');
    }
    head.append(record);
    return head;
}

std::optional<DecodedEntry> decode_entry(const NodeKey& key, std::string_view bytes,
                                         std::string& why) {
    if (bytes.size() < entry_header_size) {
        why = bytes.empty() ? "empty file" : "truncated header";
        return std::nullopt;
    }
    const char* p = bytes.data();
    if (std::memcmp(p, magic, 8) != 0) {
        why = "bad magic";
        return std::nullopt;
    }
    if (get_le(p + 8, 4) != entry_format_version) {
        why = fmt::format("format version {} (expected {})", get_le(p + 8, 4), entry_format_version);
        return std::nullopt;
    }
    if (std::memcmp(p + 12, key.bytes.data(), 32) != 0) {
        why = "entry belongs to another key";
        return std::nullopt;
    }
    std::uint64_t record_len = get_le(p + 44, 4);
    std::uint64_t payload_len = get_le(p + 48, 8);
    // Compare without overflow: a corrupt length must not wrap around.
    if (payload_len > bytes.size() || bytes.size() != entry_header_size + record_len + payload_len) {
        why = fmt::format("size {} does not match its header ({})", bytes.size(),
                          entry_header_size + record_len + payload_len);
        return std::nullopt;
    }
    std::string_view record = bytes.substr(entry_header_size, record_len);
    std::string_view payload = bytes.substr(entry_header_size + record_len);
    NodeKey d = digest(record, payload);
    if (std::memcmp(p + 56, d.bytes.data(), 32) != 0) {
        why = "content digest mismatch";
        return std::nullopt;
    }
    return DecodedEntry{std::string(record), payload};
}

bool has_valid_mac(std::string_view bytes, const CacheSecret& secret) {
    if (bytes.size() < entry_header_size) return false;
    auto mac = mac_of(bytes.substr(0, mac_at), secret);
    return CRYPTO_memcmp(mac.data(), bytes.data() + mac_at, mac.size()) == 0;
}

std::string write_payload(const TopoDS_Shape& shape) {
    std::ostringstream out(std::ios::binary);
    // Triangles too, when a shape has them: the viewer's mesh nodes
    // (viewer/model_job.cpp) are cached so that a warm open meshes nothing.
    // Other results carry none, so their entries are unchanged.
    BinTools::Write(shape, out, /*withTriangles=*/true, /*withNormals=*/true,
                    BinTools_FormatVersion_CURRENT);
    return std::move(out).str();
}

std::optional<TopoDS_Shape> read_payload(std::string_view payload, std::string& why) {
    // BinTools prints a complaint on stdout (OCCT 7.6) when the stream does not
    // start with its version line: refuse such a payload before it gets there.
    // (BinTools::Write starts it with a newline; the reader skips white space.)
    constexpr std::string_view bintools_magic = "Open CASCADE Topology V";
    std::size_t start = std::min(payload.find_first_not_of(" \t\r\n"), payload.size());
    if (start > 16 || payload.substr(start, bintools_magic.size()) != bintools_magic) {
        why = "payload unreadable: not OCCT binary BRep";
        return std::nullopt;
    }
    // The signal handlers turn a SIGSEGV inside the reader into a Standard_Failure
    // thrown at OCC_CATCH_SIGNALS below (OCCT 7.6 on Linux: setjmp/longjmp).
    setup_occt_in_this_thread();
    MemoryBuffer buf(payload);
    std::istream in(&buf);
    TopoDS_Shape shape;
    try {
        OCC_CATCH_SIGNALS
        BinTools::Read(shape, in);
    } catch (const Standard_Failure& f) {
        why = fmt::format("payload unreadable: {} {}", f.DynamicType()->Name(), f.GetMessageString());
        return std::nullopt;
    } catch (const std::bad_alloc&) {
        why = "payload unreadable: it asks for more memory than there is";
        return std::nullopt;
    } catch (const std::exception& e) {
        why = std::string("payload unreadable: ") + e.what();
        return std::nullopt;
    } catch (...) {
        why = "payload unreadable: unknown exception";
        return std::nullopt;
    }
    if (shape.IsNull()) {
        why = "payload holds no shape";
        return std::nullopt;
    }
    try {
        OCC_CATCH_SIGNALS
        why = structural_fault(shape);
    } catch (const Standard_Failure& f) {
        why = fmt::format("payload holds a broken shape: {} {}", f.DynamicType()->Name(),
                          f.GetMessageString());
    }
    if (!why.empty()) return std::nullopt;
    return shape;
}

std::string verify_entry(const NodeKey& key, std::string_view bytes, const CacheSecret* secret,
                         TopoDS_Shape* shape, EntryRefusal& refusal, std::string* record) {
    refusal = EntryRefusal::bad;
    std::string why;
    std::optional<DecodedEntry> entry = decode_entry(key, bytes, why);
    if (!entry) {
        if (bytes.size() >= 12 && bytes.substr(0, 8) == "LZCDNODE" &&
            get_le(bytes.data() + 8, 4) != entry_format_version)
            refusal = EntryRefusal::other_version;
        return why;
    }
    if (secret && !has_valid_mac(bytes, *secret)) {
        refusal = EntryRefusal::unauthenticated;
        return "no valid MAC for the configured secret (written without it, or forged)";
    }
    std::optional<TopoDS_Shape> parsed = read_payload(entry->payload, why);
    if (!parsed) return why;
    if (shape) *shape = *parsed;
    if (record) *record = std::move(entry->record);
    refusal = EntryRefusal::none;
    return {};
}

} // namespace lazycad::detail
