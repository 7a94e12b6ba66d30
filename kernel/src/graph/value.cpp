#include "lazycad/value.hpp"

#include <fmt/format.h>

namespace lazycad {

std::string Value::to_string() const {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>) return fmt::format("{}", x);
            else if constexpr (std::is_same_v<T, double>) return fmt::format("{}", x);
            else if constexpr (std::is_same_v<T, std::string>) return fmt::format("\"{}\"", x);
            else if constexpr (std::is_same_v<T, Angle>) return fmt::format("{}deg", x.degrees());
            else if constexpr (std::is_same_v<T, Point>)
                return fmt::format("point({}, {}, {})", x.x, x.y, x.z);
            else if constexpr (std::is_same_v<T, Vec>)
                return fmt::format("vec({}, {}, {})", x.x, x.y, x.z);
            else if constexpr (std::is_same_v<T, Point2>)
                return fmt::format("({}, {})", x.x, x.y);
            else {
                std::string s = "[";
                for (std::size_t i = 0; i < x.size(); ++i)
                    s += (i ? ", " : "") + x[i].to_string();
                return s + "]";
            }
        },
        m_v);
}

} // namespace lazycad
