#pragma once
// ISO metric coarse sizes (ISO 261 / ISO 262, M2 ... M36), their fine
// pitches (ISO 261), and the hex
// dimensions of ISO 4014/4017 bolts (across flats s, head height k) and
// ISO 4032 nuts (height m). Private to the thread and fastener operations.

#include <array>
#include <string_view>

namespace lazycad::detail {

struct IsoSizeRow {
    std::string_view name;
    double diameter, pitch;
    double s, k, m; ///< 0 where ISO 4014/4032 give no hex size (M7)
};

inline constexpr std::array<IsoSizeRow, 21> iso_coarse_table{{
    {"M2", 2, 0.4, 4, 1.4, 1.6},      {"M2.5", 2.5, 0.45, 5, 1.7, 2},
    {"M3", 3, 0.5, 5.5, 2, 2.4},      {"M3.5", 3.5, 0.6, 6, 2.4, 2.8},
    {"M4", 4, 0.7, 7, 2.8, 3.2},      {"M5", 5, 0.8, 8, 3.5, 4.7},
    {"M6", 6, 1, 10, 4, 5.2},         {"M7", 7, 1, 0, 0, 0},
    {"M8", 8, 1.25, 13, 5.3, 6.8},    {"M10", 10, 1.5, 16, 6.4, 8.4},
    {"M12", 12, 1.75, 18, 7.5, 10.8}, {"M14", 14, 2, 21, 8.8, 12.8},
    {"M16", 16, 2, 24, 10, 14.8},     {"M18", 18, 2.5, 27, 11.5, 15.8},
    {"M20", 20, 2.5, 30, 12.5, 18},   {"M22", 22, 2.5, 34, 14, 19.4},
    {"M24", 24, 3, 36, 15, 21.5},     {"M27", 27, 3, 41, 17, 23.8},
    {"M30", 30, 3.5, 46, 18.7, 25.6}, {"M33", 33, 3.5, 50, 21, 28.7},
    {"M36", 36, 4, 55, 22.5, 31},
}};

/// ISO 261 fine pitches of each coarse size above (first and second choice),
/// largest first.
struct IsoFineRow {
    std::string_view name;
    std::array<double, 4> pitches; ///< 0 = none
};

inline constexpr std::array<IsoFineRow, 21> iso_fine_table{{
    {"M2", {0.25}},          {"M2.5", {0.35}},          {"M3", {0.35}},
    {"M3.5", {0.35}},        {"M4", {0.5}},             {"M5", {0.5}},
    {"M6", {0.75}},          {"M7", {0.75}},            {"M8", {1, 0.75}},
    {"M10", {1.25, 1, 0.75}}, {"M12", {1.5, 1.25, 1}},  {"M14", {1.5, 1.25, 1}},
    {"M16", {1.5, 1}},       {"M18", {2, 1.5, 1}},      {"M20", {2, 1.5, 1}},
    {"M22", {2, 1.5, 1}},    {"M24", {2, 1.5, 1}},      {"M27", {2, 1.5, 1}},
    {"M30", {3, 2, 1.5, 1}}, {"M33", {3, 2, 1.5}},      {"M36", {3, 2, 1.5}},
}};

} // namespace lazycad::detail
