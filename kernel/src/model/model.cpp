// param() / display() and run_model(): the state of one script run lives in a
// thread-local context, so the viewer can run scripts on its worker thread.

#include <charconv>
#include <set>

#include <fmt/format.h>

#include "lazycad/error.hpp"
#include "lazycad/model.hpp"
#include "model/run_context.hpp"

namespace lazycad {

namespace {

struct RunContext {
    const std::map<std::string, std::string>* overrides;
    std::set<std::string> used;
    ModelResult result;
    std::string code_fingerprint;
    std::string script_folder;
    const EvalOptions* eval = nullptr;
};

thread_local RunContext* t_run = nullptr;

ParamInfo* record(const std::string& name, std::string default_text, bool is_string) {
    if (!t_run) return nullptr;
    for (ParamInfo& p : t_run->result.params)
        if (p.name == name) return &p;
    t_run->result.params.push_back({name, default_text, default_text, is_string});
    return &t_run->result.params.back();
}

const std::string* override_for(const std::string& name) {
    if (!t_run) return nullptr;
    auto it = t_run->overrides->find(name);
    if (it == t_run->overrides->end()) return nullptr;
    t_run->used.insert(name);
    return &it->second;
}

template <class T> T parse_number(const std::string& name, const std::string& text) {
    T v{};
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end)
        throw UsageError("param", name,
                    fmt::format("param: parameter '{}' expects {}, got '{}'", name,
                                std::is_integral_v<T> ? "an integer" : "a number", text));
    return v;
}

template <class T> T numeric_param(const std::string& name, T default_value) {
    ParamInfo* info = record(name, fmt::format("{}", default_value), false);
    const std::string* text = override_for(name);
    if (!text) return default_value;
    T v = parse_number<T>(name, *text);
    if (info) info->value = fmt::format("{}", v);
    return v;
}

} // namespace

double param(const std::string& name, double default_value) {
    return numeric_param(name, default_value);
}

int param(const std::string& name, int default_value) { return numeric_param(name, default_value); }

std::string param(const std::string& name, const std::string& default_value) {
    ParamInfo* info = record(name, default_value, true);
    const std::string* text = override_for(name);
    if (!text) return default_value;
    if (info) info->value = *text;
    return *text;
}

std::string param(const std::string& name, const char* default_value) {
    return param(name, std::string(default_value));
}

void display(const Shape& s, Color c) {
    if (t_run) t_run->result.shapes.push_back({s, c});
}

namespace detail {
std::string current_code_fingerprint() { return t_run ? t_run->code_fingerprint : std::string(); }
std::string current_script_folder() { return t_run ? t_run->script_folder : std::string(); }
const EvalOptions* current_eval_options() { return t_run ? t_run->eval : nullptr; }
void add_measured_stats(const Stats& s) {
    if (t_run) t_run->result.measured += s;
}
} // namespace detail

ModelResult run_model(ModelEntry entry, const std::map<std::string, std::string>& overrides,
                      const std::string& code_fingerprint, const std::string& script_folder,
                      const EvalOptions* eval) {
    RunContext ctx{&overrides, {}, {}, code_fingerprint, script_folder, eval};
    // Restored by a guard, not a catch(...): an exception nothing catches
    // (`throw 42;`) then reaches std::terminate with the script's frames still
    // on the stack, so the crash guard can name the line.
    struct Restore {
        RunContext* previous;
        ~Restore() { t_run = previous; }
    } restore{std::exchange(t_run, &ctx)};
    entry();
    for (const auto& [name, value] : overrides) {
        if (ctx.used.count(name)) continue;
        std::string known;
        for (const ParamInfo& p : ctx.result.params)
            known += fmt::format("\n  {} (default {})", p.name, p.default_value);
        throw UsageError("param", name,
                    fmt::format("unknown parameter '{}' in -D {}={}; the script's parameters are:{}",
                                name, name, value, known.empty() ? " (none)" : known));
    }
    return std::move(ctx.result);
}

} // namespace lazycad
