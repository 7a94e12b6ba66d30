#include "runner.hpp"

#include <atomic>
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "lazycad/cache.hpp"
#include "lazycad/error.hpp"
#include "lazycad/import.hpp"
#include "lazycad/substitute.hpp"
#include "manifest.hpp"

namespace lazycad::script {

namespace {

std::atomic<std::size_t> compiles{0};

/// "x=10, y=10, z=20", cut short past 120 characters without building the
/// rest (a polygon's thousand points).
std::string short_params(const Params& params) {
    std::string out;
    for (const NamedValue& p : params) {
        out += fmt::format("{}{}={}", out.empty() ? "" : ", ", p.name, p.value.to_string());
        if (out.size() > 120) return out.substr(0, 117) + "...";
    }
    return out;
}

/// How many links of a chain of one operation start at `s`: s, its first
/// parent if it has the same operation, and so on (stopping at `listed` ones).
std::size_t run_length(const Shape& s, const std::set<NodeKey>& listed) {
    std::size_t n = 1;
    for (const Shape* link = &s; !link->parents().empty(); ++n) {
        const Shape& next = link->parents()[0];
        if (next.operation() != s.operation() || listed.count(next.key())) break;
        link = &next;
    }
    return n;
}

/// The lazy tree, iteratively (deep chains must not overflow the stack). A
/// chain of one operation (10 000 cuts, or moves) longer than 2 * `keep` + 1
/// links shows its first and last `keep` links and one row standing for
/// those between, which are not listed, nor their other inputs: each link is
/// indented one step more than the one before, and a 10 000-link chain
/// printed 100 MB.
std::vector<TreeRow> lazy_tree(const std::vector<Displayed>& shapes, const CacheOptions& cache,
                               const std::vector<NodeKey>& folded, std::size_t limit) {
    constexpr std::size_t keep = 3;
    const std::set<NodeKey> folded_set(folded.begin(), folded.end());
    std::vector<TreeRow> rows;
    std::set<NodeKey> listed;
    struct Item {
        Shape shape;
        int depth;
        std::size_t link = 1;  ///< its place in a chain of one operation (1: the head)
        std::size_t links = 1; ///< that chain's length
        std::size_t skip = 0;  ///< > 0: the row for this many links, from `shape` down
    };
    std::vector<Item> stack;
    for (auto it = shapes.rbegin(); it != shapes.rend(); ++it) stack.push_back({it->shape, 0});
    while (!stack.empty() && (limit == 0 || rows.size() < limit)) {
        Item item = stack.back();
        stack.pop_back();
        if (item.skip) {
            TreeRow row{item.depth, item.shape, {}, CacheState::missing, false};
            row.elided = item.skip;
            rows.push_back(std::move(row));
            const Shape* next = &item.shape;
            for (std::size_t k = 0; k < item.skip; ++k) next = &next->parents()[0];
            stack.push_back({*next, item.depth + 1, item.link + item.skip, item.links});
            continue;
        }
        TreeRow row{item.depth, item.shape, short_params(item.shape.params()), CacheState::missing, false};
        row.repeated = !listed.insert(item.shape.key()).second;
        row.state = cache_state(item.shape, cache);
        row.folded = row.state == CacheState::missing && folded_set.count(item.shape.key()) != 0;
        rows.push_back(std::move(row));
        if (rows.back().repeated) continue;
        const auto& parents = item.shape.parents();
        for (std::size_t i = parents.size(); i-- > 0;) {
            const Shape& p = parents[i];
            if (i > 0 || p.operation() != item.shape.operation()) {
                stack.push_back({p, item.depth + 1});
                continue;
            }
            Item next{p, item.depth + 1, item.link + 1, item.links};
            if (item.link == 1) next.links = run_length(item.shape, listed);
            if (next.link == keep + 1 && next.links > 2 * keep + 1) next.skip = next.links - 2 * keep;
            stack.push_back(next);
        }
    }
    return rows;
}

/// The shape an --override FILE stands for.
Shape override_shape(const std::string& name, const std::string& spec, const CacheOptions& cache) {
    if (spec.starts_with("cache:")) {
        std::string prefix = spec.substr(6);
        if (prefix.size() < 8)
            throw UsageError("override", name, fmt::format("override {}: cache:KEYPREFIX needs 8+ hex digits", name));
        std::vector<CacheEntry> found = cache_find(cache, prefix);
        if (found.size() != 1)
            throw UsageError("override", name,
                             fmt::format("override {}: {} entries in the cache start with {}", name,
                                         found.size(), prefix));
        return cached_entry(found.front().key, cache);
    }
    std::string ext = std::filesystem::path(spec).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    std::string path = std::filesystem::absolute(spec).string(); // from the working folder, as a CLI path
    if (ext == ".brep") return import_brep(path);
    if (ext == ".step" || ext == ".stp") return import_step(path);
    throw UsageError("override", name,
                     fmt::format("override {}: '{}' is not .brep, .step, .stp or cache:KEYPREFIX", name, spec));
}

void apply_overrides(std::vector<Displayed>& displayed, const std::map<std::string, std::string>& specs,
                     const CacheOptions& cache) {
    std::map<std::string, Shape> replacements;
    for (const auto& [name, spec] : specs) replacements.emplace(name, override_shape(name, spec, cache));
    std::vector<Shape> roots;
    for (const Displayed& d : displayed) roots.push_back(d.shape);
    try {
        roots = substitute(roots, replacements);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.operation(), e.parameter(), e.what()); // an unknown NAME: a usage error
    }
    for (std::size_t i = 0; i < roots.size(); ++i) displayed[i].shape = roots[i];
}

} // namespace

int RunResult::exit_code() const noexcept {
    switch (failure) {
    case Failure::none: return 0;
    case Failure::usage: return 2;
    default: return 1;
    }
}

std::string describe(const Error& e) {
    // As a compiler says it, when the failing operation was made by a line of the script.
    std::string where = script_location(e.origin());
    return fmt::format("{}: error: {}", where.empty() ? "lazycad" : where, e.what());
}

std::size_t compile_calls() noexcept { return compiles.load(); }

RunResult run(const RunRequest& request) {
    RunResult r;
    const std::string file = request.model.filename().string();
    auto phase = [&](const std::string& what) {
        if (request.on_phase) request.on_phase(what);
    };
    try {
        if (request.compiled) {
            r.compiled = *request.compiled;
            r.compiled.from_cache = true;
            r.compiled.compile_ms = 0;
        } else {
            ++compiles;
            phase("compiling " + file);
            r.compiled = compile(request.model, request.eval.cache);
        }
        phase("running " + file);
        ModelResult model = run_compiled(r.compiled, request.overrides, &request.eval);
        r.stats = model.measured; // the script's own measurements
        r.params = std::move(model.params);
        r.displayed = std::move(model.shapes);
        if (!request.replace.empty()) apply_overrides(r.displayed, request.replace, request.eval.cache);
        std::vector<Shape> roots;
        for (const Displayed& d : r.displayed)
            roots.push_back(request.evaluate_as ? request.evaluate_as(d.shape) : d.shape);
        // Asked before evaluating: afterwards the roots are cached, nothing folds.
        std::vector<NodeKey> folded;
        if (request.tree) folded = folded_nodes(roots, request.eval);
        if (request.evaluate) {
            if (request.tree && request.on_tree)
                request.on_tree(lazy_tree(r.displayed, request.eval.cache, folded, request.tree_limit));
            phase(fmt::format("looking up {} shape{} in the cache", roots.size(), roots.size() == 1 ? "" : "s"));
            Evaluation e = evaluate(roots, request.eval);
            r.stats += e;
            for (const Evaluation::StalePin& pin : e.stale_pins) {
                std::string where = script_location(pin.origin);
                warn(fmt::format("pinned '{}' kept its cached result although its inputs changed{}; "
                                 "remove the pin to recompute",
                                 pin.label, where.empty() ? "" : " (" + where + ")"));
            }
            r.results = std::move(e.results);
            // What this run built, for `explain` and `cache get MODEL.cpp:NAME`.
            if (request.eval.cache.enabled)
                if (std::optional<std::string> root = request.eval.cache.resolve())
                    record_run(*root, request.model, r.displayed, r.params);
        }
        if (request.tree) {
            phase("listing the lazy tree");
            r.tree = lazy_tree(r.displayed, request.eval.cache, folded, request.tree_limit);
        }
    } catch (const Cancelled& e) {
        r.failure = Failure::cancelled;
        r.error = e.what();
    } catch (const UsageError& e) {
        r.failure = Failure::usage;
        r.error = fmt::format("lazycad: {}", e.what());
    } catch (const ScriptError& e) {
        r.failure = Failure::compile;
        r.error = e.what();
        if (!r.error.ends_with("\n")) r.error += "\n";
        r.error += "lazycad: the script did not compile";
    } catch (const Error& e) {
        r.failure = Failure::model;
        r.error = describe(e);
    } catch (const std::exception& e) {
        r.failure = Failure::model;
        r.error = fmt::format("lazycad: error: {}", e.what());
    }
    if (!r.ok()) r.results.clear();
    return r;
}

} // namespace lazycad::script
