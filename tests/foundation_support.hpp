#pragma once
// Helpers shared by the foundation tests (cache, evaluator, CLI, script, export):
// a reference model with a known volume, file bytes, environment overrides,
// and CLI processes run side by side.

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "lazycad/lazycad.hpp"
#include "support.hpp"

extern char** environ;

namespace lazycad::test {

/// The documented example: a block with a hole. Volume (100 - 9π)·h.
inline Shape holed_block(double h) { return box(10, 10, h) - cylinder(3, h).right(5).forw(5); }
inline double holed_block_volume(double h) { return (100 - 9 * M_PI) * h; }

/// The documented script form, verbatim from issue 2.
inline const char* documented_script = R"(#include <lazycad/lazycad.hpp>
using namespace lazycad;
LAZYCAD_MODEL() {
    double h = param("height", 20.0);
    display(box(10, 10, h) - cylinder(3, h).right(5).forw(5));
}
)";

inline std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

/// The last non-empty line of a text.
inline std::string last_line(const std::string& text) {
    std::string t = text;
    while (!t.empty() && t.back() == '\n') t.pop_back();
    auto nl = t.rfind('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
}

/// Parse the `--stats=json` object on stdout's last line.
inline nlohmann::json stats_of(const CliResult& r) { return nlohmann::json::parse(last_line(r.out)); }

/// How many times `needle` occurs in `text`.
inline std::size_t count_of(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
    return n;
}

/// Set (or unset, with nullopt) an environment variable for the life of the object.
class EnvGuard {
public:
    EnvGuard(std::string name, std::optional<std::string> value) : m_name(std::move(name)) {
        if (const char* old = std::getenv(m_name.c_str())) m_old = old;
        if (value) setenv(m_name.c_str(), value->c_str(), 1);
        else unsetenv(m_name.c_str());
    }
    ~EnvGuard() {
        if (m_old) setenv(m_name.c_str(), m_old->c_str(), 1);
        else unsetenv(m_name.c_str());
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    std::string m_name;
    std::optional<std::string> m_old;
};

/// A `lazycad` process started in the background, stdout+stderr into a file.
struct CliProcess {
    pid_t pid = -1;
    std::filesystem::path output;
};

inline CliProcess start_cli(const std::vector<std::string>& args, const std::filesystem::path& output) {
    std::vector<std::string> argv{LAZYCAD_CLI};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargs;
    for (std::string& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    CliProcess p{-1, output};
    if (posix_spawn(&p.pid, cargs[0], &fa, nullptr, cargs.data(), environ) != 0) p.pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    return p;
}

/// Wait for a process; returns its exit code (128 + signal if killed).
inline int wait_cli(const CliProcess& p) {
    int status = 0;
    while (waitpid(p.pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace lazycad::test
