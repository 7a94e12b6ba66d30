#pragma once
// `lazycad explain`: for each node a run would compute, why — compared with
// the last run of the same model recorded in the cache folder (manifest.hpp).
// Computes nothing.

#include <optional>
#include <string>
#include <vector>

#include "lazycad/evaluate.hpp"
#include "lazycad/model.hpp"
#include "manifest.hpp"

namespace lazycad::script {

struct Explanation {
    Shape shape;
    std::string reason; ///< "new value box.z 3 → 5", "parent recomputed", "entry evicted", ...
};

struct ExplainReport {
    std::vector<Explanation> computed; ///< nodes stored on disk (or displayed) that would compute
    std::size_t cheap = 0;             ///< cheap nodes rebuilt from their parents, not listed
    std::size_t hits = 0;              ///< nodes a run would load from the cache
    bool had_manifest = false;
};

/// Walk the graph as the evaluator would (a node on disk ends the walk
/// there) and say why each node that would be computed is. `recompute`: the
/// names given to `--recompute`, forced with everything built on them.
ExplainReport explain(const std::vector<Displayed>& displayed, const std::vector<ParamInfo>& params,
                      const std::optional<Manifest>& last, const CacheOptions& cache,
                      const std::vector<std::string>& recompute = {});

} // namespace lazycad::script
