#pragma once
// A cache folder's counters and settings, as ccache keeps them: counters since
// the last reset in `stats.json` plus the lines of `stats.log` not yet folded
// in, settings (max_size) in `lazycad.conf`; all under `stats.lock` (flock),
// so concurrent processes add up without losing counts.

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "cache/directory_store.hpp"

namespace lazycad::detail {

/// After an evaluation: add its figures to the folder's counters and, when the
/// folder has grown past its max_size, trim it (least recently used first) to
/// 90% of it. Nothing for an evaluation that never looked at the folder.
void record_usage(DirectoryStore& store, const Stats& stats);

/// Run `f` on the folder's counters (the log folded in) under the exclusive
/// lock; written back atomically if `f` returns true or the log had lines.
void update_counters(const DirectoryStore& store, const std::function<bool(nlohmann::json&)>& f);

std::map<std::string, std::string> read_config(const std::filesystem::path& root);
void write_config(const std::filesystem::path& root, const std::map<std::string, std::string>& config);

} // namespace lazycad::detail
