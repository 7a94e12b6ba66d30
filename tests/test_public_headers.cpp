// The public headers are OCCT-free (all but occt.hpp): each one compiles on
// its own, with lazycad's include folders and no OpenCASCADE folder, as a
// script or a C++ program that includes just that header would.

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/wait.h>

#include "support.hpp"

namespace fs = std::filesystem;

TEST_CASE("headers: every public header but occt.hpp compiles alone, without OCCT", "[headers]") {
    lazycad::test::TempDir dir("headers");
    const fs::path source(LAZYCAD_SOURCE_DIR);
    const std::array<fs::path, 2> folders{source / "kernel/include", source / "kernel/parts/include"};
    int headers = 0;
    for (const fs::path& folder : folders)
        for (const auto& entry : fs::directory_iterator(folder / "lazycad")) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() != ".hpp" || name == "occt.hpp") continue;
            ++headers;
            const fs::path probe = dir / (entry.path().stem().string() + ".cpp");
            std::ofstream(probe) << "#include <lazycad/" << name << ">\n";
            std::string command = std::string("'") + LAZYCAD_CXX + "' -std=c++20 -fsyntax-only";
            for (const fs::path& f : folders) command += " -I'" + f.string() + "'";
            command += " '" + probe.string() + "' 2>&1";
            std::string output;
            FILE* p = popen(command.c_str(), "r");
            REQUIRE(p);
            std::array<char, 4096> buffer{};
            while (std::fgets(buffer.data(), int(buffer.size()), p)) output += buffer.data();
            const int status = pclose(p);
            INFO(name << ":\n" << output);
            CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
        }
    CHECK(headers > 20);
}
