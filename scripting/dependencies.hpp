#pragma once
// What a compiled script is made of (ccache's depend mode): the files the
// compiler read, as its -MD dependency file lists them, each with the SHA-256
// of its content. A manifest stores that list next to the compiled object and
// is revalidated on the next run: any listed file that changed means compile.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lazycad::script {

/// The prerequisites of the first rule of a Make dependency file (GCC -MD -MF),
/// with its escapes (`\ `, `$$`, `\#`) undone.
std::vector<std::string> parse_depfile(const std::string& text);

struct Dependency {
    std::string path; ///< absolute
    std::string hash; ///< SHA-256 hex of the content
    bool local = false; ///< the user's own file (the script, its headers): in the code fingerprint
    /// Identity when hashed (size, mtime and ctime in ns, inode): a file whose
    /// identity still matches is not read again. All 0 when it was too recent
    /// to trust (then it is always read).
    std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0;
};

/// Hash `path` now. nullopt when it cannot be read.
std::optional<Dependency> hash_dependency(const std::string& path, bool local);

/// True when the file's content still has `d.hash`.
bool unchanged(const Dependency& d);

/// True when the file was changed after the compiler started at `since_ns`
/// (now_ns()): the object may hold either content, so it is not cached.
bool modified_since(const Dependency& d, std::int64_t since_ns);

/// SHA-256 hex over the local dependencies' contents, in order: the identity
/// of the user's code, the same wherever the folder is.
std::string code_fingerprint(const std::vector<Dependency>& deps);

struct Manifest {
    std::string object; ///< file name of the compiled object in the same folder
    std::vector<Dependency> deps;

    std::string encode() const;
    static std::optional<Manifest> decode(const std::string& text);
    /// A manifest file holds several entries (newest first), one per set of
    /// contents seen, so that undoing an edit of a header finds its object.
    static std::vector<Manifest> decode_all(const std::string& text);
    static std::string encode_all(const std::vector<Manifest>& entries);
    /// Every dependency unchanged.
    bool valid() const;
};

std::int64_t now_ns();

} // namespace lazycad::script
