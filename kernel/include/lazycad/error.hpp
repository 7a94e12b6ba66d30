#pragma once
// lazycad::Error: the one exception type the public API throws.

#include <cstdint>
#include <stdexcept>
#include <string>

namespace lazycad {

/// Raised for bad input and for geometry that OCCT could not build. `operation()`
/// and `parameter()` name what failed (either may be empty when unknown);
/// `what()` is a complete sentence such as
/// "box: parameter 'x' must be positive (got -1)".
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    Error(std::string operation, std::string parameter, const std::string& message);

    const std::string& operation() const noexcept { return m_operation; }
    const std::string& parameter() const noexcept { return m_parameter; }
    /// Where the failing operation was called: the code address of the call
    /// (in a model script, say) that made the node or passed the bad argument,
    /// 0 if unknown. The script runner turns it into file:line.
    std::uintptr_t origin() const noexcept { return m_origin; }
    void set_origin(std::uintptr_t code_address) noexcept { m_origin = code_address; }

private:
    std::string m_operation;
    std::string m_parameter;
    std::uintptr_t m_origin = 0;
};

/// A bad value given on the command line (an unknown or malformed `-D`), found
/// while the script runs: front ends report it as a usage error (exit code 2).
class UsageError : public Error {
public:
    using Error::Error;
};

} // namespace lazycad
