#pragma once

#include <string>
#include <vector>

namespace lazycad::script {

struct ProcessResult {
    int exit_code = -1;
    std::string output; ///< stdout and stderr, interleaved
};

/// Run a program (no shell) and capture its output.
ProcessResult run_process(const std::vector<std::string>& argv);

} // namespace lazycad::script
