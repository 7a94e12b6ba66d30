// `lazycad tree`: every node with its operation, short key, parameters and
// cache state (the runner's tree rows: a subtree shared by several parents is
// printed once).

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "common.hpp"

namespace lazycad::cli {

int cmd_tree(const CommonOptions& o) {
    script::RunResult run = run_pipeline(o, false, true);
    // Indentation stops growing at this depth (a chain of alternating
    // operations is as deep as it is long); deeper rows say their depth.
    constexpr int deepest = 40;
    for (const script::TreeRow& row : run.tree) {
        std::string indent(std::size_t(2 * std::min(row.depth, deepest)), ' ');
        if (row.depth > deepest) indent += fmt::format("[depth {}] ", row.depth);
        if (row.elided) {
            std::cout << fmt::format("{}... {} more {} links, not listed\n", indent, row.elided,
                                     row.shape.operation());
            continue;
        }
        const char* state = "";
        switch (row.state) {
        case CacheState::memory: state = "memory"; break;
        case CacheState::disk: state = "disk"; break;
        case CacheState::missing: state = row.folded ? "folded" : "missing"; break;
        }
        const Shape& s = row.shape;
        std::string tags = (s.name().empty() ? "" : " '" + s.name() + "'") +
                           (s.pin_label().empty() ? "" : " [pinned '" + s.pin_label() + "']");
        std::cout << fmt::format("{}{} {}{}({}) [{}]{}\n", indent, s.key().short_hex(), s.operation(),
                                 tags.empty() ? "" : tags + " ", row.params, state,
                                 row.repeated ? " (shown above)" : "");
    }
    return 0;
}

} // namespace lazycad::cli
