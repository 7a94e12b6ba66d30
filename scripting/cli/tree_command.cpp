// `lazycad tree`: every node with its operation, short key, parameters and
// cache state. Iterative, so a 2000-deep chain prints without recursion; a
// subtree shared by several parents is printed once.

#include <iostream>
#include <set>

#include <fmt/format.h>

#include "common.hpp"

namespace lazycad::cli {

int cmd_tree(const CommonOptions& o) {
    script::ScriptRun run = run_model_script(o);
    CacheOptions cache = o.cache();
    std::set<NodeKey> printed;
    struct Item {
        Shape shape;
        int depth;
    };
    std::vector<Item> stack;
    for (auto it = run.model.shapes.rbegin(); it != run.model.shapes.rend(); ++it)
        stack.push_back({it->shape, 0});
    while (!stack.empty()) {
        Item item = stack.back();
        stack.pop_back();
        const Shape& s = item.shape;
        std::string params;
        for (const NamedValue& p : s.params())
            params += fmt::format("{}{}={}", params.empty() ? "" : ", ", p.name, p.value.to_string());
        std::string indent(std::size_t(2 * item.depth), ' ');
        bool again = !printed.insert(s.key()).second;
        const char* state = "";
        switch (cache_state(s, cache)) {
        case CacheState::memory: state = "memory"; break;
        case CacheState::disk: state = "disk"; break;
        case CacheState::missing: state = "missing"; break;
        }
        std::cout << fmt::format("{}{} {}{}({}) [{}]{}\n", indent, s.key().short_hex(), s.operation(),
                                 s.name().empty() ? "" : " '" + s.name() + "' ", params, state,
                                 again ? " (shown above)" : "");
        if (again) continue;
        const auto& parents = s.parents();
        for (auto it = parents.rbegin(); it != parents.rend(); ++it)
            stack.push_back({*it, item.depth + 1});
    }
    return 0;
}

} // namespace lazycad::cli
