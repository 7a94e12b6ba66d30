// Files other tools read: glTF binary (structure, names, colours, and Khronos's
// validator when installed) and STEP (names, colours and per-solid volume
// survive a round trip through OCCT's XCAF reader).

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <numbers>

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>
#include <Quantity_Color.hxx>
#include <STEPCAFControl_Reader.hxx>
#include <TDF_LabelSequence.hxx>
#include <TDataStd_Name.hxx>
#include <TDocStd_Document.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <XCAFApp_Application.hxx>
#include <XCAFDoc_ColorTool.hxx>
#include <XCAFDoc_DocumentTool.hxx>
#include <XCAFDoc_ShapeTool.hxx>
#include <nlohmann/json.hpp>

#include "lazycad/lazycad.hpp"
#include "process.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using nlohmann::json;

namespace {

// Two displayed parts with names and colours; volumes by formula.
constexpr double plate_x = 40, plate_y = 30, plate_z = 5, hole_r = 4;
constexpr double pin_r = 3, pin_h = 12;
const double plate_volume = plate_x * plate_y * plate_z - std::numbers::pi * hole_r * hole_r * plate_z;
const double pin_volume = std::numbers::pi * pin_r * pin_r * pin_h;

std::vector<Displayed> two_parts() {
    Shape plate = (box(plate_x, plate_y, plate_z) -
                   cylinder(hole_r, plate_z).right(plate_x / 2).forw(plate_y / 2))
                      .named("plate");
    Shape pin = cylinder(pin_r, pin_h).right(60).named("pin");
    return {{plate, color::red}, {pin, color::blue}};
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::uint32_t u32(const std::string& b, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t(std::uint8_t(b[at + i])) << (8 * i);
    return v;
}

/// glTF colours are linear; lazycad's are sRGB (as OCCT's Quantity_TOC_sRGB).
double srgb_to_linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

struct Glb {
    std::uint32_t magic = 0, version = 0, length = 0;
    json gltf;
    std::size_t bin_length = 0;
};

/// Parse the GLB container: 12-byte header, a JSON chunk, then a BIN chunk.
Glb parse_glb(const std::string& b) {
    Glb g;
    REQUIRE(b.size() >= 20);
    g.magic = u32(b, 0);
    g.version = u32(b, 4);
    g.length = u32(b, 8);
    std::uint32_t json_len = u32(b, 12);
    REQUIRE(u32(b, 16) == 0x4E4F534Au); // "JSON"
    REQUIRE(20 + std::size_t(json_len) <= b.size());
    g.gltf = json::parse(b.substr(20, json_len));
    std::size_t at = 20 + json_len;
    if (at + 8 <= b.size()) {
        CHECK(u32(b, at + 4) == 0x004E4942u); // "BIN\0"
        g.bin_length = u32(b, at);
    }
    return g;
}

/// The material of the first primitive of the mesh under the node called `name`
/// (the node itself or its first child with a mesh).
const json* material_of_node(const json& gltf, const std::string& name) {
    for (const json& node : gltf["nodes"]) {
        if (node.value("name", "") != name) continue;
        std::vector<const json*> candidates{&node};
        if (node.contains("children"))
            for (const json& c : node["children"]) candidates.push_back(&gltf["nodes"][c.get<int>()]);
        for (const json* n : candidates) {
            if (!n->contains("mesh")) continue;
            const json& prim = gltf["meshes"][(*n)["mesh"].get<int>()]["primitives"][0];
            if (!prim.contains("material")) return nullptr;
            return &gltf["materials"][prim["material"].get<int>()];
        }
    }
    return nullptr;
}

/// World-space bounds of the named node's mesh: POSITION min/max plus the
/// node's translation (the writer puts no rotation or scale on these nodes).
void node_bounds(const json& gltf, const std::string& name, std::array<double, 3>& lo,
                 std::array<double, 3>& hi) {
    lo.fill(1e300);
    hi.fill(-1e300);
    for (const json& node : gltf["nodes"]) {
        if (node.value("name", "") != name || !node.contains("mesh")) continue;
        CHECK_FALSE(node.contains("rotation"));
        CHECK_FALSE(node.contains("scale"));
        CHECK_FALSE(node.contains("matrix"));
        std::array<double, 3> t{0, 0, 0};
        if (node.contains("translation"))
            for (int i = 0; i < 3; ++i) t[i] = node["translation"][i].get<double>();
        for (const json& prim : gltf["meshes"][node["mesh"].get<int>()]["primitives"]) {
            const json& a = gltf["accessors"][prim["attributes"]["POSITION"].get<int>()];
            for (int i = 0; i < 3; ++i) {
                lo[i] = std::min(lo[i], a["min"][i].get<double>() + t[i]);
                hi[i] = std::max(hi[i], a["max"][i].get<double>() + t[i]);
            }
        }
    }
    REQUIRE(hi[0] >= lo[0]);
}

} // namespace

TEST_CASE("gltf: export writes a GLB with meshes, names and displayed colours", "[gltf]") {
    TempDir dir("gltf");
    fs::path out = dir / "parts.glb";
    ExportOptions o;
    o.eval = without_cache();
    export_file(two_parts(), out.string(), o);

    REQUIRE(fs::exists(out));
    std::string bytes = read_bytes(out);
    Glb g = parse_glb(bytes);
    CHECK(g.magic == 0x46546C67u); // "glTF"
    CHECK(g.version == 2);
    CHECK(g.length == bytes.size());
    CHECK(g.bin_length > 0);
    INFO(g.gltf.dump(1));

    CHECK(g.gltf["asset"]["version"] == "2.0");
    REQUIRE(g.gltf.contains("meshes"));
    CHECK(g.gltf["meshes"].size() >= 2);
    REQUIRE(g.gltf.contains("materials"));

    std::map<std::string, Color> expected{{"plate", color::red}, {"pin", color::blue}};
    for (const auto& [name, c] : expected) {
        INFO("node " << name);
        const json* m = material_of_node(g.gltf, name);
        REQUIRE(m != nullptr);
        const json& f = (*m)["pbrMetallicRoughness"]["baseColorFactor"];
        REQUIRE(f.size() == 4);
        CHECK(f[0].get<double>() == Approx(srgb_to_linear(c.r)).margin(2e-3));
        CHECK(f[1].get<double>() == Approx(srgb_to_linear(c.g)).margin(2e-3));
        CHECK(f[2].get<double>() == Approx(srgb_to_linear(c.b)).margin(2e-3));
        CHECK(f[3].get<double>() == Approx(1.0));
    }

    // Metres, Y up: the plate spans 40 x 5 x 30 mm (x, y, z in glTF); the pin,
    // 12 mm tall along lazycad's Z, is moved by its node to end at x = 63 mm.
    std::array<double, 3> lo, hi;
    node_bounds(g.gltf, "plate", lo, hi);
    CHECK(hi[0] - lo[0] == Approx(0.040).margin(1e-5));
    CHECK(hi[1] - lo[1] == Approx(0.005).margin(1e-5));
    CHECK(hi[2] - lo[2] == Approx(0.030).margin(1e-5));
    node_bounds(g.gltf, "pin", lo, hi);
    CHECK(hi[0] == Approx(0.063).margin(1e-4));
    CHECK(hi[1] - lo[1] == Approx(0.012).margin(1e-5));

    // Khronos's official validator (npm gltf-validator), when installed.
    fs::path validator = fs::path(LAZYCAD_GLTF_VALIDATOR_DIR) / "node_modules" / "gltf-validator";
    if (!fs::exists(validator / "package.json") || !fs::exists(LAZYCAD_NODE)) {
        WARN("gltf-validator is not installed (needs node and npm at configure time): "
             "structure checked, validation SKIPPED");
        return;
    }
    fs::path js = dir / "validate.js";
    write_text(js, "const fs = require('fs');\n"
                   "const v = require(process.argv[2]);\n"
                   "v.validateBytes(new Uint8Array(fs.readFileSync(process.argv[3])))\n"
                   " .then(r => { console.log(JSON.stringify(r)); })\n"
                   " .catch(e => { console.error(String(e)); process.exit(3); });\n");
    script::ProcessResult r =
        script::run_process({LAZYCAD_NODE, js.string(), validator.string(), out.string()});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    json report = json::parse(r.output.substr(r.output.find('{')));
    const json& issues = report["issues"];
    CHECK(issues["numErrors"] == 0);
    // Warnings are reported, not asserted (e.g. OCCT writes no normals' tangents).
    if (issues["numWarnings"].get<int>() > 0) WARN("gltf-validator warnings: " << issues["messages"].dump());
}

TEST_CASE("gltf: STEP keeps names, colours and the volume of each solid", "[gltf]") {
    TempDir dir("step");
    fs::path out = dir / "parts.step";
    ExportOptions o;
    o.eval = without_cache();
    export_file(two_parts(), out.string(), o);
    REQUIRE(fs::exists(out));

    Handle(TDocStd_Document) doc;
    XCAFApp_Application::GetApplication()->NewDocument("MDTV-XCAF", doc);
    STEPCAFControl_Reader reader;
    reader.SetColorMode(true);
    reader.SetNameMode(true);
    REQUIRE(reader.ReadFile(out.string().c_str()) == IFSelect_RetDone);
    REQUIRE(reader.Transfer(doc));

    Handle(XCAFDoc_ShapeTool) shapes = XCAFDoc_DocumentTool::ShapeTool(doc->Main());
    Handle(XCAFDoc_ColorTool) colors = XCAFDoc_DocumentTool::ColorTool(doc->Main());
    TDF_LabelSequence labels;
    shapes->GetFreeShapes(labels);

    // A moved part reads back as an assembly of one located instance: its
    // colour may be on the label, on the referred part, or on the solid.
    std::function<bool(const TDF_Label&, Quantity_Color&)> color_of =
        [&](const TDF_Label& l, Quantity_Color& c) {
            if (colors->GetColor(l, XCAFDoc_ColorGen, c) || colors->GetColor(l, XCAFDoc_ColorSurf, c))
                return true;
            TDF_Label referred;
            if (XCAFDoc_ShapeTool::GetReferredShape(l, referred) && color_of(referred, c)) return true;
            TDF_LabelSequence children;
            XCAFDoc_ShapeTool::GetComponents(l, children);
            XCAFDoc_ShapeTool::GetSubShapes(l, children);
            for (const TDF_Label& child : children)
                if (color_of(child, c)) return true;
            return false;
        };

    struct Found {
        double volume = 0;
        Quantity_Color color;
        bool has_color = false;
        int solids = 0;
    };
    std::map<std::string, Found> found;
    for (const TDF_Label& l : labels) {
        Handle(TDataStd_Name) name;
        REQUIRE(l.FindAttribute(TDataStd_Name::GetID(), name));
        TCollection_AsciiString ascii(name->Get());
        Found& f = found[ascii.ToCString()];
        TopoDS_Shape s = XCAFDoc_ShapeTool::GetShape(l);
        for (TopExp_Explorer e(s, TopAbs_SOLID); e.More(); e.Next()) {
            GProp_GProps props;
            BRepGProp::VolumeProperties(e.Current(), props, 1e-6);
            f.volume += props.Mass();
            f.solids += 1;
        }
        f.has_color = color_of(l, f.color);
    }
    XCAFApp_Application::GetApplication()->Close(doc);

    REQUIRE(found.size() == 2);
    std::map<std::string, std::pair<double, Color>> expected{{"plate", {plate_volume, color::red}},
                                                             {"pin", {pin_volume, color::blue}}};
    for (const auto& [name, want] : expected) {
        INFO("part " << name);
        REQUIRE(found.count(name) == 1);
        const Found& f = found[name];
        CHECK(f.solids == 1);
        CHECK(f.volume == Approx(want.first).epsilon(1e-6));
        REQUIRE(f.has_color);
        double r, g, b;
        f.color.Values(r, g, b, Quantity_TOC_sRGB);
        CHECK(r == Approx(want.second.r).margin(2e-3));
        CHECK(g == Approx(want.second.g).margin(2e-3));
        CHECK(b == Approx(want.second.b).margin(2e-3));
    }
}
