#include "explain.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>

#include "build_config.hpp"

namespace lazycad::script {

namespace {

/// Pairs each current node with the node at the same place in the last run's
/// graph (same root, same parent positions), so that a changed key can be
/// put down to what changed at that place.
std::map<NodeKey, std::string> correspondence(const std::vector<Displayed>& displayed, const Manifest& last) {
    std::map<NodeKey, std::string> out;
    std::vector<std::pair<Shape, std::string>> pending;
    for (std::size_t i = 0; i < displayed.size() && i < last.roots.size(); ++i)
        pending.emplace_back(displayed[i].shape, last.roots[i]);
    while (!pending.empty()) {
        auto [shape, old] = pending.back();
        pending.pop_back();
        if (!out.emplace(shape.key(), old).second) continue;
        auto it = last.nodes.find(old);
        if (it == last.nodes.end()) continue;
        const auto& parents = shape.parents();
        for (std::size_t p = 0; p < parents.size() && p < it->second.parents.size(); ++p)
            pending.emplace_back(parents[p], it->second.parents[p]);
    }
    return out;
}

/// " (param 'height' 20 → 30)" when a script parameter changed from the old
/// text to the new one since the last run.
std::string from_param(const std::string& old_value, const std::string& new_value,
                       const std::vector<ParamInfo>& params, const Manifest& last) {
    for (const ParamInfo& p : params) {
        auto it = last.script_params.find(p.name);
        if (it == last.script_params.end() || it->second == p.value) continue;
        auto unquote = [](std::string s) { return s.size() >= 2 && s.front() == '"' ? s.substr(1, s.size() - 2) : s; };
        if (unquote(old_value) == it->second && unquote(new_value) == p.value)
            return fmt::format(", param '{}' {} → {}", p.name, it->second, p.value);
    }
    return "";
}

/// "0.795 → 0.9" rather than "0.7949999999999999 → 0.8999999999999999":
/// numbers to 6 significant digits unless that would hide the change.
std::pair<std::string, std::string> readable(const std::string& was, const std::string& now) {
    auto number = [](const std::string& s, double& v) {
        char* end = nullptr;
        v = std::strtod(s.c_str(), &end);
        return !s.empty() && end == s.c_str() + s.size();
    };
    double a = 0, b = 0;
    if (!number(was, a) || !number(now, b)) return {was, now};
    std::string sa = fmt::format("{:.6g}", a), sb = fmt::format("{:.6g}", b);
    if (sa == sb) return {was, now};
    return {sa, sb};
}

std::string reason_for(const Shape& s, const std::optional<Manifest>& last,
                       const std::map<NodeKey, std::string>& corresponding,
                       const std::vector<ParamInfo>& params) {
    if (!last) return "never computed (no earlier run of this model in this cache folder)";
    const std::string key = s.key().hex();
    if (last->nodes.count(key)) return "entry evicted (computed by the last run, no longer in the cache)";
    auto c = corresponding.find(s.key());
    const ManifestNode* old = nullptr;
    if (c != corresponding.end())
        if (auto it = last->nodes.find(c->second); it != last->nodes.end()) old = &it->second;
    if (!old) return "never computed";
    if (old->op != s.operation()) return fmt::format("new operation (was {})", old->op);
    if (old->version != s.operation_version())
        return fmt::format("operation version {} → {}", old->version, s.operation_version());
    std::vector<std::string> changes;
    const Params& now = s.params();
    for (std::size_t i = 0; i < now.size(); ++i) {
        std::string value = now[i].value.to_string();
        std::string was = i < old->params.size() && old->params[i].first == now[i].name ? old->params[i].second : "";
        if (value == was) continue;
        auto [shown_was, shown_now] = readable(was, value);
        changes.push_back(fmt::format("new value {}.{} {} → {}{}", s.operation(), now[i].name,
                                      was.empty() ? "(none)" : shown_was, shown_now,
                                      from_param(was, value, params, *last)));
    }
    if (now.size() != old->params.size() && changes.empty()) changes.push_back("parameters changed");
    if (!changes.empty()) {
        std::string out;
        for (const std::string& ch : changes) out += (out.empty() ? "" : "; ") + ch;
        return out;
    }
    for (const Shape& p : s.parents())
        if (!last->nodes.count(p.key().hex())) return "parent recomputed";
    if (last->occt_version != build::occt_version)
        return fmt::format("OCCT version changed ({} → {})", last->occt_version, build::occt_version);
    return "lazycad's cache format changed";
}

/// The nodes `--recompute NAME` forces, as the evaluator does: those named
/// NAME and every node built on them (post-order, without recursion).
std::set<NodeKey> forced_by_name(const std::vector<Displayed>& displayed,
                                 const std::vector<std::string>& names) {
    std::set<NodeKey> forced, seen;
    if (names.empty()) return forced;
    std::vector<std::pair<Shape, bool>> stack;
    for (const Displayed& d : displayed) stack.emplace_back(d.shape, false);
    while (!stack.empty()) {
        auto [s, expanded] = stack.back();
        stack.pop_back();
        if (!expanded) {
            if (!seen.insert(s.key()).second) continue;
            stack.emplace_back(s, true);
            for (const Shape& p : s.parents()) stack.emplace_back(p, false);
            continue;
        }
        bool named = std::find(names.begin(), names.end(), s.name()) != names.end();
        bool built_on = std::any_of(s.parents().begin(), s.parents().end(),
                                    [&](const Shape& p) { return forced.count(p.key()) > 0; });
        if ((named && !s.name().empty()) || built_on) forced.insert(s.key());
    }
    return forced;
}

} // namespace

ExplainReport explain(const std::vector<Displayed>& displayed, const std::vector<ParamInfo>& params,
                      const std::optional<Manifest>& last, const CacheOptions& cache,
                      const std::vector<std::string>& recompute) {
    ExplainReport report;
    report.had_manifest = last.has_value();
    std::map<NodeKey, std::string> corresponding;
    if (last) corresponding = correspondence(displayed, *last);
    std::set<NodeKey> roots;
    std::vector<Shape> root_shapes;
    for (const Displayed& d : displayed) {
        roots.insert(d.shape.key());
        root_shapes.push_back(d.shape);
    }
    const std::set<NodeKey> by_name = forced_by_name(displayed, recompute);
    EvalOptions eval;
    eval.cache = cache;
    eval.recompute = recompute;
    const std::vector<NodeKey> folded_list = folded_nodes(root_shapes, eval);
    const std::set<NodeKey> folded(folded_list.begin(), folded_list.end());

    // The evaluator's walk: a node found on disk ends it; the rest compute.
    // Post-order, so a node's reason can cite its parents.
    std::set<NodeKey> seen;
    std::vector<std::pair<Shape, bool>> stack; // (node, parents done)
    for (auto it = displayed.rbegin(); it != displayed.rend(); ++it) stack.emplace_back(it->shape, false);
    while (!stack.empty()) {
        auto [s, expanded] = stack.back();
        stack.pop_back();
        if (!expanded) {
            if (!seen.insert(s.key()).second) continue;
            bool on_disk = !s.recomputes() && !by_name.count(s.key()) &&
                           (s.stored_on_disk() || roots.count(s.key())) &&
                           cache_state(s, cache) != CacheState::missing;
            if (on_disk) {
                report.hits += 1;
                continue;
            }
            stack.emplace_back(s, true);
            for (auto p = s.parents().rbegin(); p != s.parents().rend(); ++p) stack.emplace_back(*p, false);
            continue;
        }
        bool listed = s.stored_on_disk() || roots.count(s.key());
        std::string reason = s.recomputes()           ? "forced (recompute)"
                             : by_name.count(s.key()) ? "forced (--recompute)"
                                                      : reason_for(s, last, corresponding, params);
        if (!s.pin_label().empty()) reason = fmt::format("pinned '{}': {}", s.pin_label(), reason);
        // A folded node is never stored: "evicted" would mislead.
        if (folded.count(s.key()))
            reason = "folded (computed within the n-ary boolean of its chain's last link, not stored)" +
                     (reason.starts_with("entry evicted") ? std::string() : "; " + reason);
        // A cheap node the last run also built is rebuilt in microseconds
        // every run: not news. One whose inputs changed is.
        if (!listed && last && last->nodes.count(s.key().hex())) {
            report.cheap += 1;
            continue;
        }
        report.computed.push_back({s, reason});
    }
    return report;
}

} // namespace lazycad::script
