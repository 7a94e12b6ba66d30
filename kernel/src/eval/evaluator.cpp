// Evaluation of a lazy graph: an iterative walk from the roots that stops at
// any node found in the memory or directory cache, then a parallel compute of
// what is missing in dependency order. No recursion: deep chains are fine.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <Message_ProgressIndicator.hxx>
#include <OSD.hxx>
#include <Standard_ErrorHandler.hxx>
#include <Standard_Failure.hxx>
#include <TopExp_Explorer.hxx>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cache/memory_cache.hpp"
#include "cache/store_registry.hpp"
#include "cache/usage.hpp"
#include "eval/geometry_library.hpp"
#include "eval/occt_setup.hpp"
#include "eval/validity.hpp"
#include "graph/node.hpp"
#include "params/booleans.hpp"

namespace lazycad {

using namespace detail;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// Lets OCCT algorithms that take a progress range notice a cancel request.
class CancelIndicator : public Message_ProgressIndicator {
public:
    explicit CancelIndicator(const std::atomic<bool>* cancel) : m_cancel(cancel) {}
    Standard_Boolean UserBreak() override { return m_cancel && m_cancel->load(); }
    void Show(const Message_ProgressScope&, const Standard_Boolean) override {}

private:
    const std::atomic<bool>* m_cancel;
};

struct Task {
    const Node* node;
    std::vector<std::size_t> parents;
    std::vector<std::size_t> dependents;
    std::size_t pending = 0;
    TopoDS_Shape result;
    bool done = false;
    bool root = false;
    bool valid = false;  ///< checked (now or before) and found valid
    bool local_hit = false; ///< loaded from the local folder (may be missing on the remote)
    std::string record;  ///< the entry's record, for a disk hit
    /// The last node of a folded chain: the nodes folded into it, from its
    /// first parent down; its `parents` are then the chain's base and every
    /// tool, bottom up, computed as one n-ary boolean.
    std::vector<std::size_t> fold;
    bool folded = false; ///< computed within the n-ary boolean of a node below
};

/// Operations whose left-deep chains fold into one n-ary boolean: a - b - c is
/// a - (b + c), a + b + c is a + (b + c). Not intersection: OCCT's common of
/// several tools is the object's common with their union.
bool folds(const Node& n) {
    namespace b = params::boolean;
    // A glued union (a thread seated on its core) keeps its faster fuse.
    const bool glued = std::any_of(n.params.begin(), n.params.end(),
                                   [](const NamedValue& p) { return p.name == b::glue.name; });
    return !n.compute && n.parents.size() == 2 && (n.op == b::difference_op || n.op == b::union_op) &&
           !glued;
}

/// LAZYCAD_BENCH_NO_FOLD=1: chains are computed link by link, as written (the
/// benchmark's "before" figure).
bool folding_on() {
    const char* off = std::getenv("LAZYCAD_BENCH_NO_FOLD");
    return !off || std::strcmp(off, "1") != 0;
}

bool has_solid(const TopoDS_Shape& s) { return TopExp_Explorer(s, TopAbs_SOLID).More(); }

std::string record_json(const Node& n, double compute_ms, bool valid) {
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (const NamedValue& p : n.params) params[p.name] = p.value.to_string();
    nlohmann::ordered_json parents = nlohmann::ordered_json::array();
    for (const Shape& s : n.parents) parents.push_back(s.key().hex());
    nlohmann::ordered_json j{{"operation", n.op},     {"version", n.version},
                             {"params", params},      {"parents", parents},
                             {"compute_ms", compute_ms}};
    if (!n.name.empty()) j["name"] = n.name;
    if (!n.pin.empty()) {
        j["pin"] = n.pin;
        j["subtree_key"] = n.subtree_key.hex();
    }
    if (valid) j[record_valid_field] = true;
    return j.dump();
}

/// What a hit needs from its entry's record, read with one parse.
struct RecordFacts {
    bool valid = false;      ///< the shape passed the validity check
    std::string subtree_key; ///< a pinned node's subtree key when stored ("" if none)
};

RecordFacts read_record(const std::string& record) {
    nlohmann::json j = nlohmann::json::parse(record, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return {};
    return {j.value(record_valid_field, false), j.value("subtree_key", std::string())};
}

/// The same record with the verdict added (a hit checked after the fact).
std::string record_with_verdict(const std::string& record, const Node& n) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(record, nullptr, false);
    if (!j.is_object()) return record_json(n, 0, true);
    j[record_valid_field] = true;
    return j.dump();
}

/// The store policy (README "The cache"): roots, named and pinned nodes are
/// always stored; another result only when computing it again would clearly
/// cost more than writing and reading its entry, and within a byte budget per
/// run. Rates in CPU time on the 2-core development VM (tests/bench
/// bench_chain: `store_MBps` 134, `load_MBps` 113 on a 1 MB entry, rounded
/// down); each entry also pays a fixed cost (open, rename, stat, header) of
/// about this many ms, each way.
constexpr double entry_fixed_ms = 0.15;
constexpr double store_bytes_per_ms = 130e3; ///< BinTools write + file write
constexpr double load_bytes_per_ms = 110e3;  ///< file read + SHA-256 + BinTools read
/// Inner results stored per run: at most this many times the roots' bytes...
constexpr double budget_per_root_byte = 8;
/// ...or this many bytes, whichever is more (small roots, or a run that failed
/// before its roots: what it computed is kept for the next try).
constexpr double budget_floor_bytes = 16e6;

/// What reading an entry of `bytes` back and writing it costs, estimated.
double entry_cost_ms(std::size_t bytes) {
    return 2 * entry_fixed_ms + double(bytes) / store_bytes_per_ms + double(bytes) / load_bytes_per_ms;
}

/// A result that failed the validity check, on its way to Evaluator::blame.
struct InvalidResult {
    std::size_t task;
    std::string why;
};

/// The validity check, timed and counted in `stats`; empty if valid.
std::string check_validity(const TopoDS_Shape& s, Stats& stats) {
    auto t0 = Clock::now();
    std::string why = geometry().invalidity(s);
    stats.checked += 1;
    stats.check_ms += ms_since(t0);
    return why;
}

/// Run one node's compute function with OCCT failures turned into Error.
TopoDS_Shape compute_checked(const Node& n, const std::vector<TopoDS_Shape>& inputs,
                             const std::atomic<bool>* cancel) {
    Handle(CancelIndicator) indicator = new CancelIndicator(cancel);
    // An algorithm stopped by a cancel request reports a failure (a boolean's
    // HasErrors, say): that is a cancellation, not a geometry error.
    auto cancelled = [cancel] { return cancel && cancel->load(); };
    ComputeFn compute = compute_function(n);
    TopoDS_Shape result;
    try {
        OCC_CATCH_SIGNALS
        result = compute(OpContext{n, inputs, indicator->Start()});
    } catch (const Error&) {
        if (cancelled()) throw Cancelled();
        throw;
    } catch (const Standard_Failure& f) {
        if (cancelled()) throw Cancelled();
        throw Error(n.op, "", fmt::format("{}: OCCT failed: {} {}", n.op, f.DynamicType()->Name(),
                                          f.GetMessageString()));
    } catch (const std::bad_alloc&) {
        if (cancelled()) throw Cancelled();
        throw Error(n.op, "", fmt::format("{}: out of memory while computing it (std::bad_alloc)", n.op));
    } catch (const std::exception& e) {
        if (cancelled()) throw Cancelled();
        throw Error(n.op, "", fmt::format("{}: {}", n.op, e.what()));
    } catch (...) { // user code (a custom operation) may throw anything
        if (cancelled()) throw Cancelled();
        throw Error(n.op, "", n.op + ": threw an exception that is not a std::exception");
    }
    if (cancelled()) throw Cancelled();
    if (result.IsNull()) throw Error(n.op, "", n.op + ": the operation produced no shape");
    return result;
}

/// compute_checked(), whose errors point at the code that made the node (the
/// script line), not at wherever in lazycad they were raised.
TopoDS_Shape compute_node(const Node& n, const std::vector<TopoDS_Shape>& inputs,
                          const std::atomic<bool>* cancel) {
    try {
        return compute_checked(n, inputs, cancel);
    } catch (const Cancelled&) {
        throw;
    } catch (Error& e) {
        e.set_origin(n.origin);
        throw;
    }
}

class Evaluator {
public:
    /// `check_roots`: the roots leave lazycad, so the validity policy applies
    /// to them (false while looking for the culprit of an invalid result, and
    /// for is_valid(), which reports a verdict rather than raising it).
    Evaluator(const EvalOptions& o, const std::vector<Shape>& roots, bool check_roots = true)
        : m_options(o), m_store(open_storage(o.cache)),
          m_check_roots(check_roots && validity_policy_on()) {
        for (const Shape& r : roots) m_root_keys.insert(r.key());
        find_forced_by_name(roots);
    }

    Evaluation run(const std::vector<Shape>& roots) {
        for (const Shape& r : roots) m_tasks[visit(r.node())].root = true;
        expand();
        plan_folds();
        check_available_roots();
        ensure_roots_stored();
        try {
            compute_missing();
        } catch (...) {
            store_inner_results(); // what was computed is kept for the next try
            throw;
        }
        store_inner_results();
        Evaluation out;
        static_cast<Stats&>(out) = m_stats;
        out.stale_pins = m_stale_pins;
        for (const Shape& r : roots)
            out.results.emplace_back(
                r, std::make_shared<const TopoDS_Shape>(m_tasks[m_index.at(r.key())].result));
        return out;
    }

    /// The nodes run() would fold, found as run() would, with the caches
    /// asked whether they hold a result but nothing loaded or computed.
    std::vector<NodeKey> plan(const std::vector<Shape>& roots) {
        m_plan_only = true;
        for (const Shape& r : roots) m_tasks[visit(r.node())].root = true;
        expand();
        plan_folds();
        std::vector<NodeKey> out;
        for (const Task& t : m_tasks)
            if (t.folded) out.push_back(t.node->key);
        return out;
    }

private:
    std::size_t visit(const Node& n) {
        auto [it, inserted] = m_index.try_emplace(n.key, m_tasks.size());
        if (!inserted) return it->second;
        std::size_t i = m_tasks.size();
        m_tasks.push_back(Task{&n, {}, {}, 0, {}, false, false, false, false, {}, {}, false});
        m_stats.nodes += 1;
        std::optional<TopoDS_Shape> s;
        if (m_plan_only) {
            // What the walk would find, without loading it.
            bool hit = !forced(n) && (MemoryCache::instance().contains(n.key) ||
                                      (on_disk(n) && m_store->contains(n.key)));
            if (hit) m_tasks[i].done = true;
            else m_expand.push_back(i);
        } else if (forced(n)) {
            m_expand.push_back(i); // computed whatever the caches hold
        } else if ((s = MemoryCache::instance().get(n.key))) {
            m_tasks[i].result = *s;
            m_tasks[i].done = true;
            m_tasks[i].valid = known_valid(n.key);
            m_stats.memory_hits += 1;
        } else if (on_disk(n) && (s = m_store->load_local(n.key, m_stats, &m_tasks[i].record))) {
            m_tasks[i].local_hit = true;
            loaded(i, *s);
        } else if (on_disk(n) && m_store->remote_usable()) {
            m_probe.push_back(i); // asked of the remote with others, in expand()
        } else {
            m_stats.misses += on_disk(n);
            m_expand.push_back(i);
        }
        return i;
    }

    /// Task `i`'s result came from a cache folder or the remote.
    void loaded(std::size_t i, const TopoDS_Shape& s) {
        const Node& n = *m_tasks[i].node;
        MemoryCache::instance().put(n.key, s);
        m_tasks[i].result = s;
        m_tasks[i].done = true;
        const RecordFacts facts = read_record(m_tasks[i].record);
        if (facts.valid) {
            m_tasks[i].valid = true;
            mark_valid(n.key);
        }
        if (!n.pin.empty() && facts.subtree_key != n.subtree_key.hex())
            m_stale_pins.push_back({n.pin, n.origin});
    }

    bool is_root(const Node& n) const { return m_root_keys.count(n.key) != 0; }

    /// Whether the directory cache reads and keeps this node's result.
    bool on_disk(const Node& n) const {
        return m_store && n.caching != Node::Caching::uncached && (n.cost == Cost::expensive || is_root(n));
    }

    bool forced(const Node& n) const {
        return n.caching == Node::Caching::recompute || n.built_on_forced || m_forced.count(n.key);
    }

    /// --recompute NAME: the named nodes and every node built on them (whose
    /// cached results derive from theirs) are computed whatever the caches hold.
    void find_forced_by_name(const std::vector<Shape>& roots) {
        if (m_options.recompute.empty()) return;
        auto named = [&](const Node& n) {
            return !n.name.empty() && std::find(m_options.recompute.begin(), m_options.recompute.end(),
                                                n.name) != m_options.recompute.end();
        };
        std::unordered_set<NodeKey, NodeKeyHash> seen;
        std::vector<std::pair<const Node*, bool>> stack; // post-order, no recursion
        for (const Shape& r : roots) stack.emplace_back(&r.node(), false);
        while (!stack.empty()) {
            auto [n, parents_done] = stack.back();
            stack.pop_back();
            if (parents_done) {
                bool on_forced = named(*n);
                for (const Shape& p : n->parents) on_forced |= m_forced.count(p.key()) != 0;
                if (on_forced) m_forced.insert(n->key);
                continue;
            }
            if (!seen.insert(n->key).second) continue;
            stack.emplace_back(n, true);
            for (const Shape& p : n->parents) stack.emplace_back(&p.node(), false);
        }
    }

    // Walk parents of every node that must be computed, without recursion.
    // Nodes the local folder lacks wait in m_probe; when the walk runs out of
    // other work they are asked of the remote together (parallel requests, not
    // one blocking call per node): hits end the walk there, misses expand.
    void expand() {
        while (!m_expand.empty() || !m_probe.empty()) {
            while (!m_expand.empty()) {
                std::size_t i = m_expand.back();
                m_expand.pop_back();
                m_to_compute.push_back(i);
                for (const Shape& p : m_tasks[i].node->parents) {
                    std::size_t pi = visit(p.node());
                    m_tasks[i].parents.push_back(pi);
                    if (!m_tasks[pi].done) {
                        m_tasks[i].pending += 1;
                        m_tasks[pi].dependents.push_back(i);
                    }
                }
            }
            probe_remote();
        }
    }

    void probe_remote() {
        if (m_probe.empty()) return;
        std::vector<std::size_t> batch;
        batch.swap(m_probe);
        std::vector<NodeKey> keys;
        for (std::size_t i : batch) keys.push_back(m_tasks[i].node->key);
        std::vector<std::string> records;
        std::vector<std::optional<TopoDS_Shape>> shapes = m_store->load_remote(keys, m_stats, records);
        for (std::size_t b = 0; b < batch.size(); ++b) {
            std::size_t i = batch[b];
            if (!shapes[b]) {
                m_stats.misses += 1;
                m_expand.push_back(i);
                continue;
            }
            m_tasks[i].record = std::move(records[b]);
            loaded(i, *shapes[b]);
            // Expanded nodes counted it as a parent still to come.
            for (std::size_t d : m_tasks[i].dependents) m_tasks[d].pending -= 1;
            m_tasks[i].dependents.clear();
        }
    }

    /// Chains of one boolean to compute whose inner links nobody else uses
    /// (not a root, named, pinned or forced, one dependent here, not cached):
    /// each becomes one n-ary boolean on its last link, and the inner links
    /// are neither computed on their own nor stored. Their keys are unchanged;
    /// a chain of N cuts then costs one boolean and one entry, not N of each
    /// (entry k of the unfolded chain holds k holes: O(N^2) time and bytes).
    void plan_folds() {
        if (!folding_on()) return;
        constexpr std::size_t none = std::size_t(-1);
        // absorbed_by[p]: the node p folds into, its one dependent here, of
        // the same operation, with p as its first operand only.
        std::vector<std::size_t> absorbed_by(m_tasks.size(), none);
        for (std::size_t p : m_to_compute) {
            const Task& t = m_tasks[p];
            const Node& n = *t.node;
            if (t.root || t.dependents.size() != 1 || !folds(n) || !n.params.empty() ||
                !n.name.empty() || !n.pin.empty() || n.caching != Node::Caching::normal || forced(n))
                continue;
            const Task& d = m_tasks[t.dependents[0]];
            if (d.node->op == n.op && folds(*d.node) && d.parents[0] == p && d.parents[1] != p)
                absorbed_by[p] = t.dependents[0];
        }
        auto unlink = [&](std::size_t from, std::size_t to) {
            auto& d = m_tasks[from].dependents;
            d.erase(std::remove(d.begin(), d.end(), to), d.end());
        };
        bool any = false;
        for (std::size_t top : m_to_compute) {
            if (absorbed_by[top] != none || !folds(*m_tasks[top].node)) continue;
            std::vector<std::size_t> fold; // from the top's first parent down
            for (std::size_t cur = top; absorbed_by[m_tasks[cur].parents[0]] == cur;)
                fold.push_back(cur = m_tasks[cur].parents[0]);
            if (fold.empty()) continue;
            std::vector<std::size_t> parents{m_tasks[fold.back()].parents[0]}; // base, tools bottom up
            for (auto it = fold.rbegin(); it != fold.rend(); ++it) parents.push_back(m_tasks[*it].parents[1]);
            parents.push_back(m_tasks[top].parents[1]);
            for (std::size_t f : fold) {
                for (std::size_t q : m_tasks[f].parents) unlink(q, f);
                m_tasks[f].folded = true;
            }
            for (std::size_t q : m_tasks[top].parents) unlink(q, top);
            Task& t = m_tasks[top];
            t.parents = std::move(parents);
            t.pending = 0;
            t.fold = std::move(fold);
            for (std::size_t q : t.parents)
                if (!m_tasks[q].done) {
                    t.pending += 1;
                    m_tasks[q].dependents.push_back(top);
                }
            any = true;
        }
        if (any)
            m_to_compute.erase(std::remove_if(m_to_compute.begin(), m_to_compute.end(),
                                              [&](std::size_t i) { return m_tasks[i].folded; }),
                               m_to_compute.end());
    }

    /// A folded chain (m_tasks[i].fold) as one n-ary boolean. If that fails,
    /// or leaves nothing of a solid (an inner link may not allow that), link
    /// by link as written: the error then names the node, and the script
    /// line, it names unfolded, and the results are what they were.
    TopoDS_Shape compute_chain(std::size_t i, const std::vector<TopoDS_Shape>& inputs, Stats& local) {
        const Task& t = m_tasks[i];
        try {
            TopoDS_Shape r = compute_node(*t.node, inputs, m_options.cancel);
            if (has_solid(r) || !has_solid(inputs[0])) {
                local.computed += t.fold.size();
                local.folded += t.fold.size();
                return r;
            }
        } catch (const Cancelled&) {
            throw;
        } catch (const Error&) {
        }
        TopoDS_Shape r = inputs[0];
        for (std::size_t k = 0; k <= t.fold.size(); ++k) {
            const bool last = k == t.fold.size();
            const Node& link = last ? *t.node : *m_tasks[t.fold[t.fold.size() - 1 - k]].node;
            auto t0 = Clock::now();
            r = compute_node(link, {r, inputs[k + 1]}, m_options.cancel);
            if (last) break;
            const double ms = ms_since(t0);
            local.computed += 1;
            MemoryCache::instance().put(link.key, r);
            if (on_disk(link)) {
                std::lock_guard lock(m_mutex);
                m_inner.push_back({&link, r, ms, false});
            }
        }
        return r;
    }

    /// Whether a result is stored whatever it cost: a root, or a node the
    /// script named or pinned (`cache get MODEL.cpp:NAME`, pins across edits).
    bool always_stored(std::size_t i) const {
        const Node& n = *m_tasks[i].node;
        return m_tasks[i].root || !n.name.empty() || !n.pin.empty();
    }

    /// The store policy for inner results (entry_cost_ms): the costliest to
    /// compute first, each only if recomputing it costs more than its entry's
    /// write and read, within the run's budget.
    void store_inner_results() {
        if (!m_store || m_inner.empty()) return;
        std::sort(m_inner.begin(), m_inner.end(),
                  [](const Inner& a, const Inner& b) { return a.compute_ms > b.compute_ms; });
        const double budget = std::max(budget_per_root_byte * double(m_root_bytes), budget_floor_bytes);
        double used = 0;
        for (const Inner& c : m_inner) {
            if (c.compute_ms <= entry_cost_ms(0)) break; // sorted: the rest cost even less
            std::optional<std::string> payload = m_store->payload_of(c.node->key, c.result);
            if (!payload || c.compute_ms <= entry_cost_ms(payload->size())) continue;
            if (used + double(payload->size()) > budget) continue;
            used += double(payload->size());
            m_store->store_payload(c.node->key, record_json(*c.node, c.compute_ms, c.valid), *payload, m_stats);
        }
        m_inner.clear();
    }

    /// Roots found in a cache but never checked (computed as an inner node, or
    /// stored before the policy): check them now, once; a disk entry gets the
    /// verdict added to its record.
    void check_available_roots() {
        if (!m_check_roots) return;
        for (std::size_t i = 0; i < m_tasks.size(); ++i) {
            Task& t = m_tasks[i];
            if (!t.root || !t.done || t.valid) continue;
            std::string why = check_validity(t.result, m_stats);
            if (!why.empty()) blame(*t.node, why);
            t.valid = true;
            mark_valid(t.node->key);
            if (m_store && !t.record.empty())
                m_store->store(t.node->key, t.result, record_with_verdict(t.record, *t.node),
                               m_stats);
        }
    }

    /// Roots available from memory but not on disk are stored; roots found in
    /// the local folder are uploaded if the remote lacks them (computed before
    /// it was configured): a warm run then fills the team cache too.
    void ensure_roots_stored() {
        if (!m_store) return;
        std::vector<NodeKey> local_roots;
        for (Task& t : m_tasks) {
            if (!t.root || !t.done || !on_disk(*t.node)) continue;
            if (t.local_hit) local_roots.push_back(t.node->key);
            else if (!m_store->contains(t.node->key))
                m_store->store(t.node->key, t.result, record_json(*t.node, 0, t.valid), m_stats);
        }
        m_store->upload_missing(local_roots, m_stats);
    }

    /// Whether task `i`'s result is its one valid parent's shape, only moved
    /// (translate, rotate, a name): a rigid move keeps a shape valid, so the
    /// check is not paid again for a placed copy of a checked part.
    bool moved_valid_parent(std::size_t i, const TopoDS_Shape& result) {
        std::lock_guard lock(m_mutex);
        const Task& t = m_tasks[i];
        if (t.parents.size() != 1) return false;
        const Task& p = m_tasks[t.parents[0]];
        const gp_Trsf& move = result.Location().Transformation();
        return p.valid && result.IsPartner(p.result) && !move.IsNegative() &&
               std::abs(move.ScaleFactor() - 1) < 1e-12;
    }

    /// The result of `s`: from this evaluation if it has it, else evaluated
    /// (unchecked) on its own.
    TopoDS_Shape result_of(const Shape& s) {
        auto it = m_index.find(s.key());
        if (it != m_index.end() && m_tasks[it->second].done) return m_tasks[it->second].result;
        m_stats += Evaluator(m_options, {s}, /*check_roots=*/false).run({s});
        if (auto hit = MemoryCache::instance().get(s.key())) return *hit;
        throw Error(s.operation(), "", s.operation() + ": evaluation produced no result");
    }

    /// `bad` is invalid (`why`): walk down to the first operation whose result
    /// is invalid while its inputs are valid, and raise an Error naming it and
    /// the code that made it. Only on this failure path are inner nodes checked.
    [[noreturn]] void blame(const Node& bad, std::string why) {
        const Node* culprit = &bad;
        for (bool descended = true; descended;) {
            descended = false;
            for (const Shape& p : culprit->parents) {
                if (known_valid(p.key())) continue;
                std::string parent_why = check_validity(result_of(p), m_stats);
                if (parent_why.empty()) {
                    mark_valid(p.key());
                    continue;
                }
                culprit = &p.node();
                why = std::move(parent_why);
                descended = true;
                break;
            }
        }
        Error e(culprit->op, "",
                fmt::format("{}: the result is not a valid shape ({}){}", culprit->op, why,
                            culprit == &bad ? "" : fmt::format("; {} below uses it", bad.op)));
        e.set_origin(culprit->origin);
        throw e;
    }

    void compute_missing() {
        if (m_to_compute.empty()) return;
        for (std::size_t i : m_to_compute)
            if (m_tasks[i].pending == 0) m_ready.push_back(i);
        unsigned jobs = m_options.jobs ? m_options.jobs : std::thread::hardware_concurrency();
        jobs = std::max(1u, std::min<unsigned>(jobs, unsigned(m_to_compute.size())));
        std::vector<std::thread> workers;
        for (unsigned j = 0; j < jobs; ++j) workers.emplace_back([this] { work(); });
        for (std::thread& w : workers) w.join();
        if (!m_error) return;
        try {
            std::rethrow_exception(m_error);
        } catch (const InvalidResult& bad) {
            blame(*m_tasks[bad.task].node, bad.why);
        }
    }

    void work() {
        setup_occt_in_this_thread();
        std::unique_lock lock(m_mutex);
        while (true) {
            m_cv.wait(lock, [&] { return !m_ready.empty() || m_error || m_finished == m_to_compute.size(); });
            if (m_error || m_finished == m_to_compute.size()) return;
            std::size_t i = m_ready.front();
            m_ready.pop_front();
            const Node& n = *m_tasks[i].node;
            std::vector<TopoDS_Shape> inputs;
            for (std::size_t p : m_tasks[i].parents) inputs.push_back(m_tasks[p].result);
            report(n, false, 0);
            lock.unlock();

            Stats local;
            TopoDS_Shape result;
            bool valid = false;
            bool inner = false;           // an inner result, for store_inner_results()
            std::uint64_t root_bytes = 0; // a root's entry size
            double compute_ms = 0;
            std::exception_ptr error;
            try {
                if (m_options.cancel && m_options.cancel->load()) throw Cancelled();
                // An expensive node: another client of the team cache may be
                // computing it right now; then wait for its entry (a lease).
                bool leased = false;
                std::string shared_record;
                std::optional<TopoDS_Shape> shared;
                if (on_disk(n) && n.cost == Cost::expensive && !forced(n))
                    shared = m_store->claim(n.key, local, leased, &shared_record, m_options.cancel);
                struct Release {
                    CacheStorage* store;
                    const NodeKey& key;
                    ~Release() {
                        if (store) store->release(key);
                    }
                } release{leased ? m_store.get() : nullptr, n.key};
                double ms = 0;
                if (shared) {
                    result = *shared;
                } else {
                    auto t0 = Clock::now();
                    result = m_tasks[i].fold.empty() ? compute_node(n, inputs, m_options.cancel)
                                                     : compute_chain(i, inputs, local);
                    ms = ms_since(t0);
                    local.computed += 1;
                    local.compute_ms = ms;
                    compute_ms = ms;
                }
                // Checked before it is first stored: a result that leaves
                // lazycad, or one of an operation that asks for it.
                if (shared && read_record(shared_record).valid) {
                    valid = true;
                } else if (moved_valid_parent(i, result)) {
                    valid = true;
                } else if (n.check_result || (m_tasks[i].root && m_check_roots)) {
                    std::string why = check_validity(result, local);
                    if (!why.empty()) throw InvalidResult{i, std::move(why)};
                    valid = true;
                }
                // Known valid in this process too: occt_shape, is_valid and
                // export of a moved copy then do not check it again.
                if (valid) mark_valid(n.key);
                MemoryCache::instance().put(n.key, result);
                // A leased node: others wait for its entry, stored before the lease goes.
                if (!shared && on_disk(n) && (always_stored(i) || leased)) {
                    const std::uint64_t before = local.bytes_written;
                    m_store->store(n.key, result, record_json(n, ms, valid), local);
                    if (m_tasks[i].root) root_bytes = local.bytes_written - before;
                } else if (!shared && on_disk(n)) {
                    inner = true;
                }
            } catch (...) {
                error = std::current_exception();
            }

            lock.lock();
            m_stats += local;
            m_root_bytes += root_bytes;
            if (inner && !error) m_inner.push_back({&n, result, compute_ms, valid});
            if (error) {
                if (!m_error) m_error = error;
                m_cv.notify_all();
                return;
            }
            m_tasks[i].result = result;
            m_tasks[i].valid = valid;
            m_tasks[i].done = true;
            m_finished += 1;
            for (std::size_t d : m_tasks[i].dependents)
                if (--m_tasks[d].pending == 0) m_ready.push_back(d);
            report(n, true, local.compute_ms);
            m_cv.notify_all();
        }
    }

    // Called with m_mutex held, so progress callbacks are serialised.
    void report(const Node& n, bool finished, double ms) {
        if (m_options.on_progress)
            m_options.on_progress(Progress{m_finished, m_to_compute.size(), n.op, n.key, finished, ms});
    }

    const EvalOptions& m_options;
    std::shared_ptr<CacheStorage> m_store;
    const bool m_check_roots;
    bool m_plan_only = false; ///< plan(): the caches are asked, not read
    /// Inner results computed, for store_inner_results(); guarded by m_mutex.
    struct Inner {
        const Node* node;
        TopoDS_Shape result;
        double compute_ms;
        bool valid;
    };
    std::vector<Inner> m_inner;
    std::uint64_t m_root_bytes = 0; ///< entries of roots written by this run
    Stats m_stats;
    std::vector<Task> m_tasks;
    std::unordered_map<NodeKey, std::size_t, NodeKeyHash> m_index;
    std::unordered_set<NodeKey, NodeKeyHash> m_root_keys;
    std::unordered_set<NodeKey, NodeKeyHash> m_forced; ///< by --recompute NAME
    std::vector<Evaluation::StalePin> m_stale_pins;
    std::vector<std::size_t> m_expand, m_to_compute;
    std::vector<std::size_t> m_probe; ///< local misses to ask the remote for, together
    std::deque<std::size_t> m_ready;
    std::size_t m_finished = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::exception_ptr m_error;
};

} // namespace

namespace {
/// The folder's counters (`lazycad cache stats`) and its size limit.
void record(const EvalOptions& options, const Stats& stats) {
    if (auto store = open_store(options.cache)) record_usage(*store, stats);
}
} // namespace

Evaluation evaluate(const std::vector<Shape>& roots, const EvalOptions& options) {
    setup_occt_in_this_thread();
    Evaluation e = Evaluator(options, roots).run(roots);
    record(options, e);
    return e;
}

std::vector<NodeKey> folded_nodes(const std::vector<Shape>& roots, const EvalOptions& options) {
    return Evaluator(options, roots, /*check_roots=*/false).plan(roots);
}

namespace detail {

Stats evaluate_unchecked(const std::vector<Shape>& roots, const EvalOptions& options) {
    setup_occt_in_this_thread();
    Stats s = Evaluator(options, roots, /*check_roots=*/false).run(roots);
    record(options, s);
    return s;
}

} // namespace detail

CacheState cache_state(const Shape& s, const CacheOptions& cache) {
    if (MemoryCache::instance().contains(s.key())) return CacheState::memory;
    if (auto store = open_store(cache); store && store->contains(s.key())) return CacheState::disk;
    return CacheState::missing;
}

void clear_memory_cache() {
    MemoryCache::instance().clear();
    forget_verdicts();
}

void trim_memory_cache(const std::vector<Shape>& keep) {
    std::unordered_set<NodeKey, NodeKeyHash> used;
    std::vector<const Node*> pending;
    for (const Shape& s : keep) pending.push_back(&s.node());
    while (!pending.empty()) { // no recursion: deep chains are fine
        const Node* n = pending.back();
        pending.pop_back();
        if (!used.insert(n->key).second) continue;
        for (const Shape& p : n->parents) pending.push_back(&p.node());
    }
    MemoryCache::instance().retain(used);
}

} // namespace lazycad
