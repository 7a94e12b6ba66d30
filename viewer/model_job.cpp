#include "model_job.hpp"

#include <algorithm>
#include <chrono>

#include <BRepBuilderAPI_Copy.hxx>
#include <Prs3d_Drawer.hxx>
#include <Standard_Failure.hxx>
#include <StdPrs_ToolTriangulatedShape.hxx>

#include <fmt/format.h>

#include "lazycad/error.hpp"
#include "lazycad/measure.hpp"
#include "lazycad/occt.hpp"
#include "runner.hpp"

namespace lazycad::viewer {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

Handle(Prs3d_Drawer) mesh_drawer() {
    Handle(Prs3d_Drawer) d = new Prs3d_Drawer();
    d->SetTypeOfDeflection(Aspect_TOD_RELATIVE);
    d->SetDeviationCoefficient(mesh_deviation_coefficient);
    d->SetDeviationAngle(mesh_deviation_angle);
    return d;
}

std::string short_number(double x) { return fmt::format("{:.6g}", x); }

std::atomic<std::size_t> mesh_count{0};
std::atomic<std::int64_t> mesh_us{0}; ///< time spent meshing, for the statistics

/// The runner's rows as the dock shows them: short readable parameters.
std::vector<TreeRow> tree_rows(const std::vector<script::TreeRow>& rows) {
    std::vector<TreeRow> out;
    out.reserve(rows.size());
    for (const script::TreeRow& row : rows) {
        if (row.elided) { // a long chain's middle links, in one row
            out.push_back({row.depth, row.shape,
                           fmt::format("… {} more {} links", row.elided, row.shape.operation()), row.state,
                           false, false});
            continue;
        }
        std::string text = row.shape.operation();
        if (!row.shape.name().empty()) text += " '" + row.shape.name() + "'";
        std::string params;
        for (const NamedValue& p : row.shape.params())
            params += fmt::format("{}{}={}", params.empty() ? "" : ", ", p.name, short_value(p.value));
        if (params.size() > 100) {
            std::size_t cut = 97;
            while (cut > 0 && (static_cast<unsigned char>(params[cut]) & 0xC0) == 0x80) --cut; // not inside a UTF-8 character
            params = params.substr(0, cut) + "…";
        }
        if (!params.empty()) text += " " + params;
        out.push_back({row.depth, row.shape, text, row.state, row.repeated, row.folded});
    }
    return out;
}

} // namespace

std::size_t meshes_computed() noexcept { return mesh_count.load(); }

Shape mesh_node(const Shape& shape) {
    // Bump the version when the meshing code changes; the settings are in the key.
    return custom_operation(
        "viewer_mesh", "1",
        {{"deviation_coefficient", mesh_deviation_coefficient}, {"deviation_angle", mesh_deviation_angle}}, {shape},
        [](const std::vector<TopoDS_Shape>& inputs, const Params&) {
            // A copy of the topology (sharing the geometry): the input stays
            // untouched in the memory cache, where other threads may read it.
            auto t0 = Clock::now();
            TopoDS_Shape meshed = BRepBuilderAPI_Copy(inputs.at(0), Standard_False, Standard_False).Shape();
            if (!meshed.IsNull()) StdPrs_ToolTriangulatedShape::Tessellate(meshed, mesh_drawer());
            ++mesh_count;
            mesh_us += std::int64_t(ms_since(t0) * 1000);
            return meshed;
        });
}

std::string short_value(const Value& v) {
    return std::visit(
        [&](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, double>) return short_number(x);
            else if constexpr (std::is_same_v<T, Angle>) return short_number(x.degrees()) + "°";
            else if constexpr (std::is_same_v<T, Point> || std::is_same_v<T, Vec>)
                return fmt::format("({}, {}, {})", short_number(x.x), short_number(x.y), short_number(x.z));
            else if constexpr (std::is_same_v<T, Point2>)
                return fmt::format("({}, {})", short_number(x.x), short_number(x.y));
            else if constexpr (std::is_same_v<T, ValueList>) {
                // A profile of 200 points says nothing in a tree: the first few and a count.
                constexpr std::size_t shown = 3;
                std::string out = "[";
                for (std::size_t i = 0; i < x.size() && i < shown; ++i) out += (i ? ", " : "") + short_value(x[i]);
                if (x.size() > shown) out += fmt::format(", … {} in all", x.size());
                return out + "]";
            } else return v.to_string();
        },
        v.storage());
}

NodeShape evaluate_node(const Shape& shape, const CacheOptions& cache, unsigned jobs,
                        const std::atomic<bool>* cancel) {
    EvalOptions eval;
    eval.cache = cache;
    eval.jobs = jobs;
    eval.cancel = cancel;
    Evaluation e = evaluate({mesh_node(shape)}, eval);
    NodeShape out{occt_shape(e.results.at(0)), 0, script::script_location(shape.origin())};
    out.volume = volume(shape, eval);
    return out;
}

JobResult run_model_job(const JobRequest& request,
                        const std::function<void(const Progress&)>& progress,
                        const std::atomic<bool>* cancel) {
    JobResult r;
    auto start = Clock::now();
    script::RunRequest run;
    run.model = request.model;
    run.overrides = request.overrides;
    for (const auto& [name, value] : request.edits) run.overrides[name] = value;
    run.compiled = request.compiled;
    run.eval.cache = request.cache;
    run.eval.jobs = request.jobs;
    run.eval.on_progress = progress;
    run.eval.cancel = cancel;
    run.tree = request.tree;
    run.tree_limit = 5000; // a dock with a million rows helps nobody
    // Each step's start, for the time it took (JobResult::script_ms, ...).
    std::vector<std::pair<std::string, Clock::time_point>> steps;
    run.on_phase = [&](const std::string& phase) {
        steps.emplace_back(phase, Clock::now());
        if (request.on_phase) request.on_phase(phase);
    };
    if (request.on_tree)
        run.on_tree = [&](const std::vector<script::TreeRow>& rows) { request.on_tree(tree_rows(rows)); };
    run.evaluate_as = mesh_node;
    const std::size_t meshes_before = meshes_computed();
    const std::int64_t mesh_us_before = mesh_us.load();
    script::RunResult ran = script::run(run);
    if (ran.failure == script::Failure::usage && !request.edits.empty()) {
        // The edited source may have dropped a parameter the panel had set:
        // ask the script for its parameters and keep the edits it still has.
        script::RunRequest probe = run;
        probe.overrides = request.overrides;
        probe.evaluate = false;
        probe.tree = false;
        probe.compiled = ran.compiled;
        script::RunResult known = script::run(probe);
        if (known.ok()) {
            run.overrides = request.overrides;
            for (const auto& [name, value] : request.edits) {
                bool still = std::any_of(known.params.begin(), known.params.end(),
                                         [&](const ParamInfo& p) { return p.name == name; });
                if (still) run.overrides[name] = value;
                else r.dropped_edits.push_back(name);
            }
            if (!r.dropped_edits.empty()) {
                run.compiled = ran.compiled;
                ran = script::run(run);
            }
        }
    }
    if (ran.failure != script::Failure::compile) r.compiled = ran.compiled;
    r.params = ran.params;
    r.script_from_cache = ran.compiled.from_cache;
    r.compile_ms = ran.compiled.compile_ms;
    for (const auto& p : ran.compiled.sources) r.sources.push_back(p.string());
    r.eval_ms = ms_since(start) - r.compile_ms;
    const Clock::time_point ran_until = Clock::now();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const double ms = std::chrono::duration<double, std::milli>(
                              (i + 1 < steps.size() ? steps[i + 1].second : ran_until) - steps[i].second)
                              .count();
        const std::string& what = steps[i].first;
        if (what.starts_with("running ")) r.script_ms += ms;
        else if (what.starts_with("looking up ")) r.evaluate_ms += ms;
        else if (what.starts_with("listing ")) r.tree_ms += ms;
    }
    r.stats = ran.stats;
    r.cancelled = ran.failure == script::Failure::cancelled;
    r.compile_error = ran.failure == script::Failure::compile;
    r.error = ran.error;
    r.displayed = ran.displayed;
    if (ran.ok()) {
        try {
            // The results are the mesh nodes' (meshed during the evaluation,
            // or loaded meshed from a cache).
            r.meshed = meshes_computed() - meshes_before;
            r.mesh_ms = double(mesh_us.load() - mesh_us_before) / 1000.0;
            EvalOptions eval = run.eval;
            for (std::size_t i = 0; i < ran.results.size(); ++i) {
                const Result& result = ran.results[i];
                if (cancel && cancel->load()) throw Cancelled();
                ShownShape shown;
                shown.shape = occt_shape(result);
                const Shape& s = ran.displayed[i].shape;
                shown.name = s.name().empty() ? fmt::format("shape {}", i + 1) : s.name();
                if (request.measure) {
                    const auto t0 = Clock::now();
                    shown.volume = volume(s, eval);
                    r.measure_ms += ms_since(t0);
                }
                r.shapes.push_back(std::move(shown));
            }
            for (std::size_t i = 0; i < r.shapes.size(); ++i) r.shapes[i].color = ran.displayed[i].color;
            r.tree = tree_rows(ran.tree);
            std::vector<Shape> keep;
            for (const Displayed& d : ran.displayed) keep.push_back(mesh_node(d.shape));
            for (const Displayed& d : request.previous) keep.push_back(mesh_node(d.shape));
            trim_memory_cache(keep);
            r.ok = true;
        } catch (const Cancelled&) {
            r.cancelled = true;
            r.error = "evaluation cancelled";
        } catch (const Error& e) {
            r.error = script::describe(e);
        } catch (const Standard_Failure& e) {
            r.error = std::string("OCCT: ") + e.GetMessageString();
        } catch (const std::exception& e) {
            r.error = e.what();
        }
    }
    if (!r.ok) r.shapes.clear();
    r.total_ms = ms_since(start);
    return r;
}

} // namespace lazycad::viewer
