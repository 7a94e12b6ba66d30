#pragma once
// The options `lazycad view` and `lazycad render` share (CLI11), for the two
// programs: lazycad-view (Qt) and lazycad-render (no Qt).

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "options.hpp"

namespace lazycad::viewer {

/// Options as typed, before finish() checks and converts them.
struct RawOptions {
    std::vector<std::string> defines;
    std::string cache_dir;
    bool no_cache = false;
    std::string size;
};

/// MODEL, -D, --cache-dir, --no-cache, --jobs, -v, --view, --size.
void add_common(CLI::App& app, ViewerOptions& o, RawOptions& raw, bool model_required);

/// -D and --size into their typed form; throws CLI::ValidationError.
void finish(ViewerOptions& o, const RawOptions& raw);

} // namespace lazycad::viewer
