// `lazycad explain`: why each node a run would compute would be computed.

#include <iostream>

#include <fmt/format.h>

#include "common.hpp"
#include "explain.hpp"

namespace lazycad::cli {

int cmd_explain(const CommonOptions& o) {
    script::RunResult run = run_pipeline(o, false);
    CacheOptions cache = o.cache();
    std::optional<script::Manifest> last;
    if (std::optional<std::string> root = cache.resolve()) last = script::read_manifest(*root, o.model);
    script::ExplainReport report = script::explain(run.displayed, run.params, last, cache, o.recompute);
    std::vector<std::uintptr_t> origins;
    for (const script::Explanation& e : report.computed) origins.push_back(e.shape.origin());
    const std::vector<std::string> lines = script::script_locations(origins); // one addr2line
    for (std::size_t i = 0; i < report.computed.size(); ++i) {
        const script::Explanation& e = report.computed[i];
        const std::string& where = lines[i];
        std::cout << fmt::format("{} {}{}: {}{}\n", e.shape.key().short_hex(), e.shape.operation(),
                                 e.shape.name().empty() ? "" : " '" + e.shape.name() + "'", e.reason,
                                 where.empty() ? "" : " (" + where + ")");
    }
    std::cout << fmt::format("{} node(s) would be computed{}, {} loaded from the cache\n",
                             report.computed.size() + report.cheap,
                             report.cheap ? fmt::format(" ({} cheap ones rebuilt from their parents, not listed)",
                                                        report.cheap)
                                          : "",
                             report.hits);
    return 0;
}

} // namespace lazycad::cli
