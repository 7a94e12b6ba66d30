#pragma once
// ISO metric coarse sizes (ISO 261 / ISO 262, M2 ... M36) and their fine
// pitches (ISO 261). Private to the thread operation. (The hex dimensions of
// bolts and nuts live with them in the parts library, kernel/parts/.)

#include <array>
#include <string_view>

namespace lazycad::detail {

struct IsoSizeRow {
    std::string_view name;
    double diameter, pitch;
};

inline constexpr std::array<IsoSizeRow, 21> iso_coarse_table{{
    {"M2", 2, 0.4},    {"M2.5", 2.5, 0.45}, {"M3", 3, 0.5},   {"M3.5", 3.5, 0.6},
    {"M4", 4, 0.7},    {"M5", 5, 0.8},      {"M6", 6, 1},     {"M7", 7, 1},
    {"M8", 8, 1.25},   {"M10", 10, 1.5},    {"M12", 12, 1.75}, {"M14", 14, 2},
    {"M16", 16, 2},    {"M18", 18, 2.5},    {"M20", 20, 2.5}, {"M22", 22, 2.5},
    {"M24", 24, 3},    {"M27", 27, 3},      {"M30", 30, 3.5}, {"M33", 33, 3.5},
    {"M36", 36, 4},
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
