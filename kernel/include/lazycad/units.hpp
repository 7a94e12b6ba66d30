#pragma once
// Angles are a strong type so that `rotate_z(90)` does not compile by accident.

#include <type_traits>

namespace lazycad {

namespace detail {
template <class T> inline constexpr bool bare_number_v = false;
} // namespace detail

class Angle {
public:
    /// A bare number is no angle: this overload exists only to say so in one
    /// readable line (`rotate_z(90)` -> "write deg(90)") instead of a list of
    /// candidates. It is never instantiated by valid code.
    template <class T>
        requires std::is_arithmetic_v<T>
    Angle(T) {
        static_assert(detail::bare_number_v<T>,
                      "lazycad: an angle needs a unit: write deg(90) or rad(pi / 2), not a bare "
                      "number");
    }

    constexpr double radians() const noexcept { return m_rad; }
    constexpr double degrees() const noexcept { return m_rad * 57.29577951308232; }
    constexpr Angle operator-() const noexcept { return Angle(-m_rad); }
    constexpr Angle operator+(Angle o) const noexcept { return Angle(m_rad + o.m_rad); }
    constexpr Angle operator-(Angle o) const noexcept { return Angle(m_rad - o.m_rad); }
    constexpr Angle operator*(double k) const noexcept { return Angle(m_rad * k); }
    constexpr Angle operator/(double k) const noexcept { return Angle(m_rad / k); }
    friend constexpr Angle rad(double r) noexcept;

private:
    constexpr explicit Angle(double r) noexcept : m_rad(r) {}
    double m_rad = 0;
};

constexpr double pi = 3.14159265358979323846;

/// Angle from radians.
constexpr Angle rad(double r) noexcept { return Angle(r); }
/// Angle from degrees.
constexpr Angle deg(double d) noexcept { return rad(d * (pi / 180.0)); }

} // namespace lazycad
