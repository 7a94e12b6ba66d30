#include "manifest.hpp"

#include <fstream>
#include <set>
#include <unordered_set>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "build_config.hpp"
#include "lazycad/key.hpp"

namespace fs = std::filesystem;

namespace lazycad::script {

namespace {

fs::path manifest_file(const fs::path& root, const fs::path& model) {
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(model), ec);
    return root / "runs" / (sha256(absolute.string()).hex() + ".json");
}

/// What decides a manifest's content: every node's key and name (a key
/// covers its operation, parameters and parents), the script's parameter
/// values and the OCCT version. Cheap next to building the JSON.
std::string run_digest(const std::vector<Displayed>& displayed, const std::vector<ParamInfo>& params) {
    std::string all = std::string(build::occt_version) + "\n";
    for (const ParamInfo& p : params) all += fmt::format("{}:{}{}:{}", p.name.size(), p.name, p.value.size(), p.value);
    std::unordered_set<NodeKey, NodeKeyHash> seen;
    std::vector<Shape> pending;
    for (const Displayed& d : displayed) {
        all += "root " + d.shape.key().hex();
        pending.push_back(d.shape);
    }
    while (!pending.empty()) {
        Shape s = pending.back();
        pending.pop_back();
        if (!seen.insert(s.key()).second) continue;
        all.append(reinterpret_cast<const char*>(s.key().bytes.data()), s.key().bytes.size());
        all += fmt::format("{}:{}", s.name().size(), s.name());
        for (const Shape& p : s.parents()) pending.push_back(p);
    }
    return sha256(all).hex();
}

void write_manifest(const fs::path& root, const Manifest& m, const std::string& digest);

} // namespace

void record_run(const fs::path& root, const fs::path& model, const std::vector<Displayed>& displayed,
                const std::vector<ParamInfo>& params) {
    std::string digest = run_digest(displayed, params);
    std::ifstream in(manifest_file(root, model), std::ios::binary);
    std::string first;
    if (in && std::getline(in, first) && first == "run " + digest) return; // unchanged
    write_manifest(root, Manifest::of(model, displayed, params), digest);
}

Manifest Manifest::of(const fs::path& model, const std::vector<Displayed>& displayed,
                      const std::vector<ParamInfo>& params) {
    Manifest m;
    std::error_code ec;
    m.model = fs::weakly_canonical(fs::absolute(model), ec).string();
    m.occt_version = build::occt_version;
    for (const ParamInfo& p : params) m.script_params[p.name] = p.value;
    std::vector<Shape> pending;
    for (const Displayed& d : displayed) {
        m.roots.push_back(d.shape.key().hex());
        pending.push_back(d.shape);
    }
    while (!pending.empty()) { // iterative: deep chains are fine
        Shape s = pending.back();
        pending.pop_back();
        auto [it, inserted] = m.nodes.try_emplace(s.key().hex());
        if (!inserted) continue;
        ManifestNode& n = it->second;
        n.op = s.operation();
        n.version = s.operation_version();
        n.name = s.name();
        for (const NamedValue& p : s.params()) n.params.emplace_back(p.name, p.value.to_string());
        for (const Shape& parent : s.parents()) {
            n.parents.push_back(parent.key().hex());
            pending.push_back(parent);
        }
    }
    return m;
}

namespace {

void write_manifest(const fs::path& root, const Manifest& m, const std::string& digest) {
    nlohmann::ordered_json nodes = nlohmann::ordered_json::object();
    for (const auto& [key, n] : m.nodes) {
        nlohmann::ordered_json params = nlohmann::ordered_json::array();
        for (const auto& [name, value] : n.params) params.push_back({name, value});
        nlohmann::ordered_json j{{"op", n.op}, {"version", n.version}, {"params", params},
                                 {"parents", n.parents}};
        if (!n.name.empty()) j["name"] = n.name;
        nodes[key] = std::move(j);
    }
    nlohmann::ordered_json j{{"model", m.model},         {"occt_version", m.occt_version},
                             {"roots", m.roots},         {"script_params", m.script_params},
                             {"nodes", std::move(nodes)}};
    fs::path file = manifest_file(root, m.model);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    fs::path tmp = file.parent_path() / fmt::format(".tmp.{}.{}", getpid(), file.filename().string());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << "run " << digest << "\n" << j.dump();
        if (!out) {
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
}

} // namespace

std::optional<Manifest> read_manifest(const fs::path& root, const fs::path& model) {
    std::ifstream in(manifest_file(root, model), std::ios::binary);
    if (!in) return std::nullopt;
    std::string digest_line;
    if (!std::getline(in, digest_line) || !digest_line.starts_with("run ")) return std::nullopt;
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        Manifest m;
        m.model = j.at("model").get<std::string>();
        m.occt_version = j.value("occt_version", "");
        m.roots = j.at("roots").get<std::vector<std::string>>();
        m.script_params = j.at("script_params").get<std::map<std::string, std::string>>();
        for (const auto& [key, n] : j.at("nodes").items()) {
            ManifestNode node;
            node.op = n.at("op").get<std::string>();
            node.version = n.at("version").get<unsigned>();
            for (const auto& p : n.at("params")) node.params.emplace_back(p.at(0), p.at(1));
            node.parents = n.at("parents").get<std::vector<std::string>>();
            node.name = n.value("name", "");
            m.nodes.emplace(key, std::move(node));
        }
        return m;
    } catch (const std::exception&) {
        return std::nullopt; // unreadable: as if there were none
    }
}

} // namespace lazycad::script
