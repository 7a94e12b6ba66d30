#pragma once
// Model scripts: parameters, displayed results, and the entry macro.
//
//     #include <lazycad/lazycad.hpp>
//     using namespace lazycad;
//     LAZYCAD_MODEL() {
//         double h = param("height", 20.0);
//         display(box(10, 10, h) - cylinder(3, h).right(5).forw(5));
//     }

#include <map>
#include <string>
#include <vector>

#include "evaluate.hpp"
#include "shape.hpp"

namespace lazycad {

struct Color {
    double r = 0.8, g = 0.8, b = 0.8; ///< 0..1
    static Color rgb(int r, int g, int b) { return {r / 255.0, g / 255.0, b / 255.0}; }
    friend bool operator==(const Color&, const Color&) = default;
};

namespace color {
inline constexpr Color steel{0.62, 0.64, 0.68};
inline constexpr Color red{0.85, 0.15, 0.12};
inline constexpr Color green{0.20, 0.65, 0.25};
inline constexpr Color blue{0.15, 0.35, 0.85};
inline constexpr Color yellow{0.95, 0.80, 0.15};
inline constexpr Color orange{0.95, 0.50, 0.10};
inline constexpr Color white{0.95, 0.95, 0.95};
inline constexpr Color black{0.08, 0.08, 0.08};
inline constexpr Color gray{0.5, 0.5, 0.5};
inline constexpr Color brass{0.78, 0.62, 0.26};
inline constexpr Color copper{0.72, 0.45, 0.20};
} // namespace color

/// A numeric script parameter: `default_value` unless `-D name=value` overrides it.
double param(const std::string& name, double default_value);
int param(const std::string& name, int default_value);
/// A string parameter (e.g. a thread size "M8").
std::string param(const std::string& name, const std::string& default_value);
std::string param(const std::string& name, const char* default_value);

/// Mark a result of the script.
void display(const Shape& s, Color c = color::steel);

struct Displayed {
    Shape shape;
    Color color;
};

struct ParamInfo {
    std::string name;
    std::string default_value; ///< as text
    std::string value;         ///< as used
    bool is_string = false;
};

struct ModelResult {
    std::vector<Displayed> shapes;
    std::vector<ParamInfo> params;
    /// What the script's own measurements (volume(s), ... without options)
    /// evaluated, for the run's statistics.
    Stats measured;
};

using ModelEntry = void (*)();
/// Run a model entry with `-D` overrides. Throws Error for a bad or unknown
/// override (listing the script's parameters) and for errors in the script.
/// `code_fingerprint` identifies the code of the script (the runner hashes the
/// script and its local headers): custom operations made while the entry runs
/// are keyed by it unless pinned (occt.hpp). `script_folder` is where
/// import_step()/import_brep() find relative paths. `eval`, if given, is what
/// the script's measurements use (the run's cache folder, jobs, cancel); it
/// must outlive the call.
ModelResult run_model(ModelEntry entry, const std::map<std::string, std::string>& overrides = {},
                      const std::string& code_fingerprint = "",
                      const std::string& script_folder = "", const EvalOptions* eval = nullptr);

/// Bumped whenever the script ABI changes; a compiled script must match.
inline constexpr int model_abi_version = 1;

} // namespace lazycad

#define LAZYCAD_MODEL()                                                                            \
    static void lazycad_model_body();                                                              \
    extern "C" __attribute__((visibility("default"))) int lazycad_model_abi() {                    \
        return ::lazycad::model_abi_version;                                                       \
    }                                                                                              \
    extern "C" __attribute__((visibility("default"))) void lazycad_model_main() {                  \
        lazycad_model_body();                                                                      \
    }                                                                                              \
    static void lazycad_model_body()
