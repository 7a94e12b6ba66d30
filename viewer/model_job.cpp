#include "model_job.hpp"

#include <chrono>

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

} // namespace

JobResult run_model_job(const JobRequest& request,
                        const std::function<void(const Progress&)>& progress,
                        const std::atomic<bool>* cancel) {
    JobResult r;
    auto start = Clock::now();
    script::RunRequest run;
    run.model = request.model;
    run.overrides = request.overrides;
    run.eval.cache = request.cache;
    run.eval.jobs = request.jobs;
    run.eval.on_progress = progress;
    run.eval.cancel = cancel;
    run.tree = true;
    run.tree_limit = 5000; // a dock with a million rows helps nobody
    script::RunResult ran = script::run(run);
    r.script_from_cache = ran.compiled.from_cache;
    r.compile_ms = ran.compiled.compile_ms;
    for (const auto& p : ran.compiled.sources) r.sources.push_back(p.string());
    r.eval_ms = ms_since(start) - r.compile_ms;
    r.stats = ran.stats;
    r.cancelled = ran.failure == script::Failure::cancelled;
    r.compile_error = ran.failure == script::Failure::compile;
    r.error = ran.error;
    r.displayed = ran.displayed;
    if (ran.ok()) {
        try {
            // Meshing is geometry work too: do it here, with the AIS settings.
            auto mesh_start = Clock::now();
            Handle(Prs3d_Drawer) drawer = mesh_drawer();
            EvalOptions eval = run.eval;
            for (const Result& result : ran.results) {
                if (cancel && cancel->load()) throw Cancelled();
                ShownShape shown;
                shown.shape = occt_shape(result);
                const Shape& s = result.shape();
                shown.label = s.name().empty() ? s.operation() : s.name();
                if (!shown.shape.IsNull()) StdPrs_ToolTriangulatedShape::Tessellate(shown.shape, drawer);
                if (request.measure) shown.volume = volume(s, eval);
                r.shapes.push_back(std::move(shown));
            }
            for (std::size_t i = 0; i < r.shapes.size(); ++i) r.shapes[i].color = ran.displayed[i].color;
            r.mesh_ms = ms_since(mesh_start);
            for (const script::TreeRow& row : ran.tree)
                r.tree.push_back({row.depth,
                                  fmt::format("{} {}{}({})", row.shape.key().short_hex(), row.shape.operation(),
                                              row.shape.name().empty() ? "" : " '" + row.shape.name() + "' ",
                                              row.params),
                                  row.state, row.repeated});
            std::vector<Shape> keep;
            for (const Displayed& d : ran.displayed) keep.push_back(d.shape);
            for (const Displayed& d : request.previous) keep.push_back(d.shape);
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
