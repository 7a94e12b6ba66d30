#pragma once
// Command-line pieces that `lazycad` and `lazycad-view` share: the MODEL
// argument's check and -D parsing. Header-only, so the runner library does
// not need CLI11.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace lazycad::script {

/// The MODEL argument: an existing C++ source file. Says plainly what is wrong
/// (a missing path, a folder, a README) instead of a compiler or linker error.
inline CLI::Validator model_script_check() {
    return CLI::Validator(
        [](std::string& path) -> std::string {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec)) return "no such model script: " + path;
            if (std::filesystem::is_directory(path, ec))
                return path + " is a folder, not a model script (.cpp)";
            std::string ext = std::filesystem::path(path).extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
            for (const char* known : {".cpp", ".cc", ".cxx", ".c++"})
                if (ext == known) return {};
            return path + " is not a C++ model script: lazycad runs .cpp files "
                          "(see the README's \"A first model\")";
        },
        "MODEL.cpp");
}

/// -D name=value arguments as a map; throws CLI::ValidationError (a usage error).
inline std::map<std::string, std::string> parse_defines(const std::vector<std::string>& defines) {
    std::map<std::string, std::string> out;
    for (const std::string& d : defines) {
        auto eq = d.find('=');
        if (eq == std::string::npos || eq == 0)
            throw CLI::ValidationError("-D", "expects name=value, got '" + d + "'");
        out[d.substr(0, eq)] = d.substr(eq + 1);
    }
    return out;
}

} // namespace lazycad::script
