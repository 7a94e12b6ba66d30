// The OCCT door of the public API: evaluated shapes and custom operations.

#include "cache/memory_cache.hpp"
#include "eval/validity.hpp"
#include "graph/node.hpp"
#include "lazycad/occt.hpp"
#include "model/run_context.hpp"
#include "ops/checks.hpp"

namespace lazycad {

using namespace detail;

TopoDS_Shape occt_shape(const Shape& s, const EvalOptions& options) {
    // The result leaves lazycad: a hit not yet checked goes through evaluate(),
    // which checks it once.
    if (auto hit = MemoryCache::instance().get(s.key());
        hit && (known_valid(s.key()) || !validity_policy_on()))
        return *hit;
    evaluate({s}, options);
    if (auto hit = MemoryCache::instance().get(s.key())) return *hit;
    throw Error(s.operation(), "", s.operation() + ": evaluation produced no result");
}

Shape custom_operation(std::string name, CustomVersion version, Params params,
                       std::vector<Shape> inputs, CustomOperation fn) {
    require(!name.empty(), "custom_operation", "name", "must not be empty");
    require(bool(fn), "custom_operation", "fn", "must be a callable function");
    // The version string, and unless pinned the script's code fingerprint,
    // come first among the parameters, so they are part of the key.
    Params keyed;
    keyed.reserve(params.size() + 2);
    keyed.push_back({version.pinned ? "custom.pinned" : "custom.version", std::move(version.text)});
    if (std::string code = current_code_fingerprint(); !version.pinned && !code.empty())
        keyed.push_back({"custom.code", std::move(code)});
    const std::size_t own = keyed.size();
    for (NamedValue& p : params) keyed.push_back(std::move(p));
    ComputeFn compute = [fn = std::move(fn), own](const OpContext& c) {
        Params user(c.node.params.begin() + std::ptrdiff_t(own), c.node.params.end());
        return fn(c.inputs, user);
    };
    return make_node("custom:" + name, 1, Cost::expensive, true, std::move(compute),
                     std::move(keyed), std::move(inputs));
}

} // namespace lazycad
