#include "lazycad/error.hpp"

namespace lazycad {

Error::Error(std::string operation, std::string parameter, const std::string& message)
    : std::runtime_error(message), m_operation(std::move(operation)),
      m_parameter(std::move(parameter)) {}

} // namespace lazycad
