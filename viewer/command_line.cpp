#include "command_line.hpp"

#include <regex>

#include "model_options.hpp"

namespace lazycad::viewer {

void add_common(CLI::App& app, ViewerOptions& o, RawOptions& raw, bool model_required) {
    CLI::Option* model = app.add_option("model", o.model, model_required ? "Model script (.cpp)"
                                                                         : "Model script (.cpp); default: the last one opened")
                             ->check(lazycad::script::model_script_check());
    if (model_required) model->required();
    app.add_option("-D,--define", raw.defines, "Override a script parameter: -D name=value");
    app.add_option("--cache-dir", raw.cache_dir, "Cache folder (default: $LAZYCAD_CACHE_DIR, "
                                                 "$XDG_CACHE_HOME/lazycad or ~/.cache/lazycad)");
    app.add_flag("--no-cache", raw.no_cache, "Use no directory cache");
    app.add_option("-j,--jobs", o.jobs, "Worker threads (default: number of cores)");
    app.add_flag("-v,--verbose", o.verbose, "Say more");
    app.add_option("--view", o.view, "Initial camera")->check(CLI::IsMember({"iso", "front", "top", "right"}));
    app.add_option("--size", raw.size, "Window or picture size, WxH (e.g. 1024x768)");
}

void finish(ViewerOptions& o, const RawOptions& raw) {
    o.overrides = lazycad::script::parse_defines(raw.defines);
    o.cache = {!raw.no_cache, raw.cache_dir, {}}; // the remote: $LAZYCAD_REMOTE_CACHE
    if (!raw.size.empty()) {
        std::smatch m;
        if (!std::regex_match(raw.size, m, std::regex(R"((\d{1,5})x(\d{1,5}))")))
            throw CLI::ValidationError("--size", "expects WxH, got '" + raw.size + "'");
        o.width = std::stoi(m[1]);
        o.height = std::stoi(m[2]);
        if (o.width < 16 || o.height < 16 || o.width > 16384 || o.height > 16384)
            throw CLI::ValidationError("--size", "must be between 16x16 and 16384x16384");
    }
}

} // namespace lazycad::viewer
