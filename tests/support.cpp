#include "support.hpp"

#include <fstream>
#include <random>

#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <BRepGProp.hxx>
#include <GProp_GProps.hxx>

#include "lazycad/error.hpp"
#include "lazycad/occt.hpp"

#include "process.hpp"

namespace fs = std::filesystem;

namespace lazycad::test {

TempDir::TempDir(const std::string& hint) {
    std::random_device rd;
    m_path = fs::path(LAZYCAD_BINARY_DIR) / "test-tmp" /
             (hint + "-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    // A test may have made folders read-only; give permissions back first.
    for (auto it = fs::recursive_directory_iterator(m_path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
}

EvalOptions with_cache(const fs::path& dir, unsigned jobs) {
    EvalOptions o;
    o.cache.dir = dir.string();
    o.jobs = jobs;
    return o;
}

EvalOptions without_cache(unsigned jobs) {
    EvalOptions o;
    o.cache.enabled = false;
    o.jobs = jobs;
    return o;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& env) {
    // stdout alone goes to a file so that tests can read its last line.
    TempDir dir("cli");
    fs::path out_file = dir / "stdout";
    std::string cmd = (env.empty() ? "" : "env " + env + " ") + "'" LAZYCAD_CLI "'";
    for (const std::string& a : args) {
        std::string q;
        for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        cmd += " '" + q + "'";
    }
    cmd += " 2>&1 >'" + out_file.string() + "'";
    script::ProcessResult r = script::run_process({"/bin/sh", "-c", cmd});
    CliResult result{r.exit_code, r.output, {}};
    std::ifstream in(out_file);
    result.out.assign(std::istreambuf_iterator<char>(in), {});
    result.output += result.out;
    return result;
}

double length_of(const Shape& s) {
    GProp_GProps props;
    BRepGProp::LinearProperties(occt_shape(s), props);
    return props.Mass();
}

void write_text(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

void require_error(const std::function<void()>& f, const std::string& op,
                   const std::string& param) {
    try {
        f();
        FAIL("no error for " << op << " / " << param);
    } catch (const Error& e) {
        INFO(e.what());
        CHECK(e.operation() == op);
        CHECK(e.parameter() == param);
        CHECK(std::string(e.what()).find(op) != std::string::npos);
        CHECK(std::string(e.what()).find(param) != std::string::npos);
    }
}

WarningCatcher::WarningCatcher() {
    m_previous = set_warning_handler([this](const std::string& w) { m_warnings.push_back(w); });
}

WarningCatcher::~WarningCatcher() { set_warning_handler(m_previous); }

} // namespace lazycad::test
