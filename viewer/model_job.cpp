#include "model_job.hpp"

#include <chrono>
#include <optional>
#include <set>

#include <Prs3d_Drawer.hxx>
#include <Standard_Failure.hxx>
#include <StdPrs_ToolTriangulatedShape.hxx>

#include <fmt/format.h>

#include "lazycad/error.hpp"
#include "lazycad/measure.hpp"
#include "lazycad/occt.hpp"
#include "script_runner.hpp"

namespace lazycad::viewer {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// The lazy tree, iteratively (deep chains must not overflow the stack); a
/// shared subtree is listed once. Capped: a dock with a million rows helps nobody.
std::vector<TreeRow> lazy_tree(const std::vector<Displayed>& shapes, const CacheOptions& cache) {
    constexpr std::size_t max_rows = 5000;
    std::vector<TreeRow> rows;
    std::set<NodeKey> listed;
    struct Item {
        Shape shape;
        int depth;
    };
    std::vector<Item> stack;
    for (auto it = shapes.rbegin(); it != shapes.rend(); ++it) stack.push_back({it->shape, 0});
    while (!stack.empty() && rows.size() < max_rows) {
        Item item = stack.back();
        stack.pop_back();
        const Shape& s = item.shape;
        std::string params;
        for (const NamedValue& p : s.params())
            params += fmt::format("{}{}={}", params.empty() ? "" : ", ", p.name, p.value.to_string());
        if (params.size() > 120) params = params.substr(0, 117) + "...";
        TreeRow row;
        row.depth = item.depth;
        row.repeated = !listed.insert(s.key()).second;
        row.state = cache_state(s, cache);
        row.text = fmt::format("{} {}{}({})", s.key().short_hex(), s.operation(),
                               s.name().empty() ? "" : " '" + s.name() + "' ", params);
        rows.push_back(std::move(row));
        if (rows.back().repeated) continue;
        const auto& parents = s.parents();
        for (auto it = parents.rbegin(); it != parents.rend(); ++it)
            stack.push_back({*it, item.depth + 1});
    }
    return rows;
}

Handle(Prs3d_Drawer) mesh_drawer() {
    Handle(Prs3d_Drawer) d = new Prs3d_Drawer();
    d->SetTypeOfDeflection(Aspect_TOD_RELATIVE);
    d->SetDeviationCoefficient(mesh_deviation_coefficient);
    d->SetDeviationAngle(mesh_deviation_angle);
    return d;
}

} // namespace

JobResult run_model_job(const JobRequest& request,
                        const std::function<void(const Progress&)>& progress,
                        const std::atomic<bool>* cancel) {
    JobResult r;
    auto start = Clock::now();
    std::optional<Clock::time_point> eval_start;
    try {
        script::CompiledScript compiled = script::compile(request.model, request.cache);
        r.script_from_cache = compiled.from_cache;
        for (const auto& p : compiled.sources) r.sources.push_back(p.string());
        r.compile_ms = compiled.compile_ms;
        ModelResult model = script::run(compiled, request.overrides);
        r.displayed = model.shapes;

        EvalOptions eval;
        eval.cache = request.cache;
        eval.jobs = request.jobs;
        eval.on_progress = progress;
        eval.cancel = cancel;
        std::vector<Shape> roots;
        for (const Displayed& d : model.shapes) roots.push_back(d.shape);
        eval_start = Clock::now();
        r.stats = evaluate(roots, eval);
        r.eval_ms = ms_since(*eval_start);

        // Meshing is geometry work too: do it here, with the AIS settings.
        auto mesh_start = Clock::now();
        Handle(Prs3d_Drawer) drawer = mesh_drawer();
        for (const Displayed& d : model.shapes) {
            if (cancel && cancel->load()) throw Cancelled();
            ShownShape shown;
            shown.shape = occt_shape(d.shape, eval);
            shown.color = d.color;
            shown.label = d.shape.name().empty() ? d.shape.operation() : d.shape.name();
            if (!shown.shape.IsNull()) StdPrs_ToolTriangulatedShape::Tessellate(shown.shape, drawer);
            if (request.measure) shown.volume = volume(d.shape, eval);
            r.shapes.push_back(std::move(shown));
        }
        r.mesh_ms = ms_since(mesh_start);
        r.tree = lazy_tree(model.shapes, request.cache);
        for (const Displayed& d : request.previous) roots.push_back(d.shape);
        trim_memory_cache(roots);
        r.ok = true;
    } catch (const Cancelled&) {
        r.cancelled = true;
        if (eval_start) r.eval_ms = ms_since(*eval_start); // how long the cancel took to bite
        r.error = "evaluation cancelled";
    } catch (const script::ScriptError& e) {
        r.compile_error = true;
        r.error = e.what();
    } catch (const Error& e) {
        std::string where = script::script_location(e.origin());
        r.error = (where.empty() ? "" : where + ": ") + e.what();
    } catch (const Standard_Failure& e) {
        r.error = std::string("OCCT: ") + e.GetMessageString();
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    if (!r.ok) r.shapes.clear();
    r.total_ms = ms_since(start);
    return r;
}

} // namespace lazycad::viewer
