#pragma once
// ISO 4014/4017 bolt heads (across flats s, head height k), ISO 4032 nuts
// (height m) and ISO 7089 washers (d1, d2, h), by nominal size. Private to
// the parts library.

#include <array>
#include <string_view>

namespace lazycad::parts {

struct HexRow {
    std::string_view name;
    double s, k, m;
};

inline constexpr std::array<HexRow, 20> iso_hex_table{{
    {"M2", 4, 1.4, 1.6},       {"M2.5", 5, 1.7, 2},       {"M3", 5.5, 2, 2.4},
    {"M3.5", 6, 2.4, 2.8},     {"M4", 7, 2.8, 3.2},       {"M5", 8, 3.5, 4.7},
    {"M6", 10, 4, 5.2},        {"M8", 13, 5.3, 6.8},      {"M10", 16, 6.4, 8.4},
    {"M12", 18, 7.5, 10.8},    {"M14", 21, 8.8, 12.8},    {"M16", 24, 10, 14.8},
    {"M18", 27, 11.5, 15.8},   {"M20", 30, 12.5, 18},     {"M22", 34, 14, 19.4},
    {"M24", 36, 15, 21.5},     {"M27", 41, 17, 23.8},     {"M30", 46, 18.7, 25.6},
    {"M33", 50, 21, 28.7},     {"M36", 55, 22.5, 31},
}};

struct WasherRow {
    std::string_view name;
    double d1, d2, h;
};

inline constexpr std::array<WasherRow, 20> iso_washer_table{{
    {"M2", 2.2, 5, 0.3},      {"M2.5", 2.7, 6, 0.5},    {"M3", 3.2, 7, 0.5},
    {"M3.5", 3.7, 8, 0.5},    {"M4", 4.3, 9, 0.8},      {"M5", 5.3, 10, 1},
    {"M6", 6.4, 12, 1.6},     {"M8", 8.4, 16, 1.6},     {"M10", 10.5, 20, 2},
    {"M12", 13, 24, 2.5},     {"M14", 15, 28, 2.5},     {"M16", 17, 30, 3},
    {"M18", 19, 34, 3},       {"M20", 21, 37, 3},       {"M22", 23, 39, 3},
    {"M24", 25, 44, 4},       {"M27", 28, 50, 4},       {"M30", 31, 56, 4},
    {"M33", 34, 60, 5},       {"M36", 37, 66, 5},
}};

} // namespace lazycad::parts
