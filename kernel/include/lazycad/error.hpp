#pragma once
// lazycad::Error: the one exception type the public API throws.

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

private:
    std::string m_operation;
    std::string m_parameter;
};

} // namespace lazycad
