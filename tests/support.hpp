#pragma once
// Helpers shared by the tests: private folders, evaluation options, running the CLI.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lazycad/evaluate.hpp"

namespace lazycad::test {

/// A fresh folder under the build tree, removed when the object dies.
class TempDir {
public:
    explicit TempDir(const std::string& hint = "tmp");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// Options for an evaluation with its own cache folder (or none).
EvalOptions with_cache(const std::filesystem::path& dir, unsigned jobs = 0);
EvalOptions without_cache(unsigned jobs = 0);

struct CliResult {
    int exit_code = -1;
    std::string output; ///< stdout + stderr
    std::string out;    ///< stdout only
};
/// Run the built `lazycad` CLI with these arguments (quoted for the shell), and
/// with `env` (e.g. "LD_DEBUG=files") in its environment.
CliResult run_cli(const std::vector<std::string>& args, const std::string& env = "");

/// Length of an edge or wire (BRepGProp), evaluated without options.
double length_of(const Shape& s);

/// Write a text file (a model script, usually).
void write_text(const std::filesystem::path& p, const std::string& text);

/// `f` must throw lazycad::Error whose operation() is `op`, parameter() is
/// `param`, and whose message names both (Catch2 checks).
void require_error(const std::function<void()>& f, const std::string& op,
                   const std::string& param);

/// Collect the warnings issued while alive.
class WarningCatcher {
public:
    WarningCatcher();
    ~WarningCatcher();
    const std::vector<std::string>& warnings() const { return m_warnings; }

private:
    std::vector<std::string> m_warnings;
    WarningHandler m_previous;
};

} // namespace lazycad::test
