#include "lazycad/substitute.hpp"

#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "graph/key_encoder.hpp"
#include "graph/node.hpp"
#include "lazycad/error.hpp"

namespace lazycad {

std::vector<Shape> substitute(const std::vector<Shape>& roots,
                              const std::map<std::string, Shape>& replacements) {
    std::unordered_map<NodeKey, Shape, NodeKeyHash> done; // old key -> new shape
    std::set<std::string> names, used;
    std::vector<std::pair<Shape, bool>> stack; // post-order: (node, parents done)
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.emplace_back(*it, false);
    while (!stack.empty()) {
        auto [s, parents_done] = stack.back();
        stack.pop_back();
        const detail::Node& n = s.node();
        if (!n.name.empty()) names.insert(n.name);
        if (auto r = replacements.find(n.name); !n.name.empty() && r != replacements.end()) {
            used.insert(n.name);
            done.insert_or_assign(s.key(), r->second.named(n.name));
            continue; // its subtree is not needed
        }
        if (done.count(s.key())) continue;
        if (!parents_done) {
            stack.emplace_back(s, true);
            for (const Shape& p : n.parents) stack.emplace_back(p, false);
            continue;
        }
        std::vector<Shape> parents;
        bool changed = false;
        for (const Shape& p : n.parents) {
            const Shape& q = done.at(p.key());
            changed |= q.key() != p.key();
            parents.push_back(q);
        }
        if (!changed) {
            done.emplace(s.key(), s);
            continue;
        }
        auto copy = std::make_shared<detail::Node>(n);
        std::vector<const NodeKey*> keys;
        for (const Shape& p : parents) keys.push_back(&p.key());
        copy->key = detail::node_key(copy->op, copy->version, copy->params, keys);
        copy->parents = std::move(parents);
        done.emplace(s.key(), Shape(std::move(copy)));
    }
    for (const auto& [name, shape] : replacements) {
        if (used.count(name)) continue;
        throw Error("override", name,
                    fmt::format("override: no node is named '{}'; the model's named nodes: {}", name,
                                names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))));
    }
    std::vector<Shape> out;
    for (const Shape& r : roots) out.push_back(done.at(r.key()));
    return out;
}

} // namespace lazycad
