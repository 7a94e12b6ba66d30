#pragma once
// Publish a file atomically: write a temporary file in the destination's folder,
// then rename it over the destination. A crash mid-write leaves only a temporary
// file (named ".tmp.*", ignored by readers and removed by `cache gc`).

#include <filesystem>
#include <string_view>

namespace lazycad::detail {

/// Throws std::system_error (or filesystem_error) on failure; the destination is
/// then untouched and no temporary file is left behind.
void write_file_atomically(const std::filesystem::path& dest, std::string_view head,
                           std::string_view body = {});

/// Whether a name is one of our temporary files.
bool is_temporary_name(const std::string& filename);

} // namespace lazycad::detail
