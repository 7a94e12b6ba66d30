// `lazycad tree`: every node with its operation, short key, parameters and
// cache state (the runner's tree rows: a subtree shared by several parents is
// printed once).

#include <iostream>

#include <fmt/format.h>

#include "common.hpp"

namespace lazycad::cli {

int cmd_tree(const CommonOptions& o) {
    script::RunResult run = run_pipeline(o, false, true);
    for (const script::TreeRow& row : run.tree) {
        const char* state = "";
        switch (row.state) {
        case CacheState::memory: state = "memory"; break;
        case CacheState::disk: state = "disk"; break;
        case CacheState::missing: state = "missing"; break;
        }
        const Shape& s = row.shape;
        std::string tags = (s.name().empty() ? "" : " '" + s.name() + "'") +
                           (s.pin_label().empty() ? "" : " [pinned '" + s.pin_label() + "']");
        std::cout << fmt::format("{}{} {}{}({}) [{}]{}\n", std::string(std::size_t(2 * row.depth), ' '),
                                 s.key().short_hex(), s.operation(), tags.empty() ? "" : tags + " ",
                                 row.params, state, row.repeated ? " (shown above)" : "");
    }
    return 0;
}

} // namespace lazycad::cli
