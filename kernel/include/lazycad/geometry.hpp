#pragma once
// Plain geometric values used as operation parameters. Lengths in millimetres.

namespace lazycad {

struct Point {
    double x = 0, y = 0, z = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Vec {
    double x = 0, y = 0, z = 0;
    friend bool operator==(const Vec&, const Vec&) = default;
};

/// 2D point for sketches in the XY plane.
struct Point2 {
    double x = 0, y = 0;
    friend bool operator==(const Point2&, const Point2&) = default;
};

enum class Axis { X, Y, Z };

inline Vec axis_vector(Axis a) {
    return a == Axis::X ? Vec{1, 0, 0} : a == Axis::Y ? Vec{0, 1, 0} : Vec{0, 0, 1};
}

struct BoundingBox {
    Point min, max;
    double size_x() const { return max.x - min.x; }
    double size_y() const { return max.y - min.y; }
    double size_z() const { return max.z - min.z; }
};

} // namespace lazycad
