// `cmake --install` into a temporary prefix gives a usable lazycad: the CMake
// package builds out-of-tree programs (tests/install/), and the installed
// `lazycad run` compiles scripts against the installed headers, not the
// source tree's, even though the prefix differs from the configured one.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <regex>

#include <nlohmann/json.hpp>

#include "process.hpp"
#include "script_runner.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;

namespace {

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// Run a shell command line; the output is shown when the test fails.
script::ProcessResult sh(const std::string& cmd) {
    script::ProcessResult r = script::run_process({"/bin/sh", "-c", cmd});
    INFO(cmd << "\n" << r.output);
    return r;
}

} // namespace

TEST_CASE("install: package, headers and CLI work from a temporary prefix", "[install][slow]") {
    TempDir prefix("install");
    const fs::path p = prefix.path();
    const fs::path libdir = p / LAZYCAD_INSTALL_LIBDIR;
    const fs::path cache = p / "cache";

    script::ProcessResult inst = sh(quoted(LAZYCAD_CMAKE) + " --install " +
                                    quoted(LAZYCAD_BINARY_DIR) + " --prefix " + quoted(p.string()));
    INFO(inst.output);
    REQUIRE(inst.exit_code == 0);

    SECTION("the expected files are installed") {
        CHECK(fs::exists(libdir / "liblazycad.so"));
        CHECK(fs::exists(p / "include/lazycad/lazycad.hpp"));
        CHECK(fs::exists(p / "include/lazycad/occt.hpp"));
        CHECK(fs::exists(libdir / "liblazycad-parts.so"));
        CHECK(fs::exists(p / "include/lazycad/parts.hpp"));
        CHECK(fs::exists(p / "bin/lazycad"));
        for (const char* f : {"lazycadConfig.cmake", "lazycadConfigVersion.cmake",
                              "lazycadTargets.cmake"})
            CHECK(fs::exists(libdir / "cmake/lazycad" / f));
        // Private headers stay private.
        CHECK_FALSE(fs::exists(p / "include/lazycad/node.hpp"));
    }

    SECTION("find_package(lazycad) builds a program whose volume matches the formula") {
        const fs::path build = p / "consumer-build";
        script::ProcessResult cfg =
            sh(quoted(LAZYCAD_CMAKE) + " -S " + quoted(LAZYCAD_SOURCE_DIR "/tests/install") +
               " -B " + quoted(build.string()) + " -DCMAKE_BUILD_TYPE=Release" +
               " -DCMAKE_PREFIX_PATH=" + quoted(p.string()) + " 2>&1");
        INFO(cfg.output);
        REQUIRE(cfg.exit_code == 0);
        script::ProcessResult bld = sh(quoted(LAZYCAD_CMAKE) + " --build " + quoted(build.string()));
        INFO(bld.output);
        REQUIRE(bld.exit_code == 0);

        // The program must load the installed library, not the build tree's.
        script::ProcessResult ldd = sh("ldd " + quoted((build / "box_minus_cylinder").string()));
        CHECK(ldd.output.find((libdir / "liblazycad.so").string()) != std::string::npos);

        script::ProcessResult run =
            sh("LAZYCAD_CACHE_DIR=" + quoted(cache.string()) + " " +
               quoted((build / "box_minus_cylinder").string()) + " 20 30 10 4");
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        std::smatch m;
        REQUIRE(std::regex_search(run.output, m, std::regex(R"(volume ([0-9.eE+-]+))")));
        double expected = 20.0 * 30 * 10 - std::numbers::pi * 4 * 4 * 10;
        CHECK(std::stod(m[1]) == Approx(expected).epsilon(1e-6));
        CHECK(run.output.find("valid 1") != std::string::npos);

        // lazycad::occt: occt.hpp compiles and TopoDS_Shape links. A box with a
        // through hole has 6 planar faces and one cylindrical face.
        script::ProcessResult occt = sh("LAZYCAD_CACHE_DIR=" + quoted(cache.string()) + " " +
                                        quoted((build / "occt_access").string()));
        INFO(occt.output);
        CHECK(occt.exit_code == 0);
        CHECK(occt.output.find("faces 7") != std::string::npos);

        // lazycad::parts: an M10 washer (ISO 7089: 10.5 / 20 mm, 2 mm thick).
        script::ProcessResult w = sh("LAZYCAD_CACHE_DIR=" + quoted(cache.string()) + " " +
                                     quoted((build / "washer").string()));
        INFO(w.output);
        REQUIRE(w.exit_code == 0);
        REQUIRE(std::regex_search(w.output, m, std::regex(R"(volume ([0-9.eE+-]+))")));
        CHECK(std::stod(m[1]) ==
              Approx(std::numbers::pi * (10 * 10 - 5.25 * 5.25) * 2).epsilon(1e-6));
    }

    SECTION("installed scripts compile from the installed precompiled header") {
        CHECK(fs::exists(libdir / "lazycad-pch/lazycad.hpp.gch"));
        fs::path model = p / "pch-model.cpp";
        write_text(model, "#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\n"
                          "LAZYCAD_MODEL() { display(box(2, 3, param(\"h\", 4.0))); }\n");
        script::ProcessResult run =
            sh(quoted((p / "bin/lazycad").string()) + " run " + quoted(model.string()) +
               " -v --cache-dir " + quoted(cache.string()) + " 2>&1");
        REQUIRE(run.exit_code == 0);
        CHECK(run.output.find("script compiled") != std::string::npos);
        CHECK(run.output.find("precompiled lazycad.hpp") != std::string::npos);
        CHECK(run.output.find("volume 24 mm3") != std::string::npos);
    }

    SECTION("installed `lazycad run` compiles scripts against the installed headers") {
        // Mark the installed headers; a script that requires the mark only
        // compiles if the runner looked in the prefix, not in the source tree.
        std::ofstream(p / "include/lazycad/lazycad.hpp", std::ios::app)
            << "\n#define LAZYCAD_TEST_INSTALLED_HEADERS 1\n";
        fs::path model = p / "model.cpp";
        write_text(model, "#include <lazycad/lazycad.hpp>\n"
                          "#ifndef LAZYCAD_TEST_INSTALLED_HEADERS\n"
                          "#error compiled against the source tree's headers\n"
                          "#endif\n"
                          "using namespace lazycad;\n"
                          "LAZYCAD_MODEL() { display(box(10, 20, param(\"h\", 3.0))); }\n");
        script::ProcessResult run =
            sh(quoted((p / "bin/lazycad").string()) + " run " + quoted(model.string()) +
               " -D h=5 --cache-dir " + quoted(cache.string()) + " --stats=json 2>&1");
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        std::string last = run.output.substr(run.output.rfind('{'));
        nlohmann::json stats = nlohmann::json::parse(last);
        CHECK(stats["computed"] == 1);

        // And the compiled script links the installed library too.
        fs::path scripts = *script::script_folder_path({true, cache.string(), {}});
        REQUIRE(fs::exists(scripts));
        for (const auto& e : fs::directory_iterator(scripts)) {
            if (e.path().extension() != ".so") continue; // manifests, the compiler's identity
            script::ProcessResult ldd = sh("ldd " + quoted(e.path().string()));
            CHECK(ldd.output.find((libdir / "liblazycad.so").string()) != std::string::npos);
        }
    }
}
