#pragma once
// What the last run of a model built, recorded in the cache folder it used:
// `lazycad explain` compares a new run against it, and `lazycad cache get
// MODEL.cpp:NAME` finds a named node's key in it. One small JSON file per
// model path: <cache>/runs/<SHA-256 of the model's absolute path>.json.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lazycad/model.hpp"

namespace lazycad::script {

struct ManifestNode {
    std::string op;
    unsigned version = 0;
    std::vector<std::pair<std::string, std::string>> params; ///< name, value as text
    std::vector<std::string> parents;                        ///< keys, hex
    std::string name;                                        ///< .named(), if any
};

struct Manifest {
    std::string model;                          ///< absolute path of the script
    std::string occt_version;                   ///< of the lazycad that ran it
    std::vector<std::string> roots;             ///< displayed shapes' keys, in order
    std::map<std::string, ManifestNode> nodes;  ///< every node reachable from the roots
    std::map<std::string, std::string> script_params; ///< param() name -> value used

    /// Build one from a run's displayed shapes and parameters.
    static Manifest of(const std::filesystem::path& model, const std::vector<Displayed>& displayed,
                       const std::vector<ParamInfo>& params);
};

/// Record a run of `model` in the cache folder `root` (atomically; a failure
/// to write is silent: the manifest is a convenience, never needed to
/// compute). A warm run of an unchanged model finds its digest (keys, names,
/// parameters) on the file's first line and writes nothing.
void record_run(const std::filesystem::path& root, const std::filesystem::path& model,
                const std::vector<Displayed>& displayed, const std::vector<ParamInfo>& params);
std::optional<Manifest> read_manifest(const std::filesystem::path& root, const std::filesystem::path& model);

} // namespace lazycad::script
