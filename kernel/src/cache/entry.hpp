#pragma once
// One cache entry as bytes: the header, the node's readable record and its
// shape as OCCT binary BRep. The entry owns its serialisation; where the bytes
// live is the directory store's business.
//
// Entry layout (little-endian), format version 2:
//   magic "LZCDNODE" | u32 format version | 32-byte key | u32 record length |
//   u64 payload length | 32-byte SHA-256 of (record + payload) |
//   32-byte MAC: HMAC-SHA256(secret, the 88 header bytes before it), all zeros
//   when written without a secret |
//   record (JSON text: operation, parameters, parents, compute time) |
//   payload (OCCT binary BRep).
//
// The SHA-256 catches accidents (a torn or flipped file), not forgeries: anyone
// who can write the folder can recompute it. The MAC covers the key, the
// lengths and the digest of record and payload, hence all of them; only a
// holder of the secret can make one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <TopoDS_Shape.hxx>

#include "lazycad/key.hpp"

namespace lazycad::detail {

/// Bumped whenever the entry layout changes (2: the MAC field).
inline constexpr unsigned entry_format_version = 2;
inline constexpr std::size_t entry_header_size = 8 + 4 + 32 + 4 + 8 + 32 + 32;

/// The secret used to authenticate entries (bytes, never empty).
struct CacheSecret {
    std::string bytes;
};

/// The header (with the record appended; the payload follows it on disk).
/// Without a secret the MAC field is zeros.
std::string encode_entry(const NodeKey& key, const std::string& record, const std::string& payload,
                         const CacheSecret* secret = nullptr);

struct DecodedEntry {
    std::string record;
    std::string_view payload;
};
/// Checks magic, version, key, sizes and digest (not the MAC: see has_valid_mac).
/// Returns an empty optional and sets `why` if the bytes are not a sound entry for `key`.
std::optional<DecodedEntry> decode_entry(const NodeKey& key, std::string_view bytes,
                                         std::string& why);
/// Whether `bytes` (a sound entry) carry this secret's MAC. Constant-time compare.
bool has_valid_mac(std::string_view bytes, const CacheSecret& secret);

/// Why an entry is not served: it is bad (unsound bytes, a payload that does
/// not parse), lacks the secret's MAC, or is of another format version
/// (another lazycad sharing the store, or an older one).
enum class EntryRefusal { none, bad, unauthenticated, other_version };
/// The one check of an entry wherever it comes from (local folder or remote):
/// why `bytes` (the entry of `key`) must not be served, or empty. When it may
/// be, `shape` and `record` (if given) receive its payload and record.
std::string verify_entry(const NodeKey& key, std::string_view bytes, const CacheSecret* secret,
                         TopoDS_Shape* shape, EntryRefusal& refusal, std::string* record = nullptr);

/// The shape as OCCT binary BRep (no triangulation).
std::string write_payload(const TopoDS_Shape& shape);
/// Parse a payload. Never crashes the process: an OCCT exception, a signal
/// inside the reader (a forged stream can make it dereference garbage), an
/// allocation failure or a null shape all return nothing and set `why`.
std::optional<TopoDS_Shape> read_payload(std::string_view payload, std::string& why);

} // namespace lazycad::detail
