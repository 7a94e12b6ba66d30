// lazycad-pch DIR: the build step that precompiles <lazycad/lazycad.hpp> for
// model scripts compiled from the build tree (script_runner.hpp).

#include <iostream>

#include "script_runner.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: lazycad-pch DIR\n";
        return 2;
    }
    try {
        lazycad::script::write_precompiled_header(argv[1]);
    } catch (const std::exception& e) {
        std::cerr << "lazycad-pch: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
