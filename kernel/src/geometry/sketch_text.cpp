// Text as planar faces: OCCT's font-to-BRep builder over FreeType outlines.

#include <filesystem>
#include <mutex>
#include <optional>

#include <Font_BRepFont.hxx>
#include <Font_BRepTextBuilder.hxx>
#include <Font_FontMgr.hxx>
#include <Font_SystemFont.hxx>
#include <NCollection_String.hxx>
#include <fmt/format.h>

#include "geometry/compute.hpp"
#include "geometry/results.hpp"
#include "lazycad/sketch.hpp"
#include "geometry/sketch_util.hpp"
#include "params/sketch.hpp"

namespace lazycad::detail {

namespace {

struct FontFile {
    std::string path;
    int face_id = 0;
};

// Font_FontMgr is a process-wide singleton that scans the font folders on first
// use and is not safe to query from several evaluator threads at once.
std::mutex font_manager_mutex;

/// A font file path as given, or the regular face of a fontconfig family name.
std::optional<FontFile> find_font(const std::string& font) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(font, ec)) return FontFile{font, 0};
    std::lock_guard lock(font_manager_mutex);
    Handle(Font_FontMgr) manager = Font_FontMgr::GetInstance();
    Font_FontAspect aspect = Font_FontAspect_Regular;
    Handle(Font_SystemFont) found =
        manager->FindFont(TCollection_AsciiString(font.c_str()), Font_StrictLevel_Aliases, aspect,
                          /*theDoFailMsg=*/false);
    if (found.IsNull()) return std::nullopt;
    bool synthesize_italic = false;
    int face_id = 0;
    const TCollection_AsciiString& path = found->FontPathAny(aspect, synthesize_italic, face_id);
    if (path.IsEmpty()) return std::nullopt;
    return FontFile{path.ToCString(), face_id};
}

[[noreturn]] void font_not_found(const std::string& font) {
    fail("text", "font",
         fmt::format("'{}' is neither a font file nor a font family known on this system "
                     "(try \"DejaVu Sans\" from the fonts-dejavu-core package)",
                     font));
}

const Compute text_compute{params::text::op, [](const OpContext& c) {
    std::optional<FontFile> file = find_font(c[params::text::font]);
    if (!file) font_not_found(c[params::text::font]);
    Handle(Font_BRepFont) font = new Font_BRepFont();
    if (!font->Init(NCollection_String(file->path.c_str()), c[params::text::size], file->face_id))
        fail(c.op(), "font", fmt::format("could not load the font file '{}'", file->path));
    Font_BRepTextBuilder builder;
    TopoDS_Shape result = builder.Perform(*font, NCollection_String(c[params::text::string].c_str()));
    if (result.IsNull() || faces_of(result).empty())
        fail(c.op(), "string", "has no visible characters");
    return result;
}};

} // namespace

} // namespace lazycad::detail
