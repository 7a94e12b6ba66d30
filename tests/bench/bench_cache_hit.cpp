// How close is a cache hit to the physical limit? The shapes of a model are
// stored in a directory cache, then loaded many times three ways:
//   hit      evaluate() of the displayed shapes, memory cache cleared each time
//            (graph walk + file read + header and SHA-256 check + BinTools::Read)
//   load     DirectoryStore::load alone (no graph walk)
//   bare     BinTools::Read of a file holding only the same BRep payload bytes
//   parse    BinTools::Read of those bytes already in memory (the parsing floor)
//
//   bench_cache_hit MODEL.cpp CACHE_DIR [REPS]
//
// Prints `key value` lines for tests/bench/run.sh. Reports, asserts nothing.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <BinTools.hxx>
#include <TopoDS_Shape.hxx>

#include "cache/directory_store.hpp"
#include "lazycad/lazycad.hpp"
#include "script_runner.hpp"
#include "bench_support.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::bench;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_cache_hit MODEL.cpp CACHE_DIR [REPS]\n");
        return 2;
    }
    const fs::path cache_dir = argv[2];
    const int reps = argc >= 4 ? std::atoi(argv[3]) : 200;

    EvalOptions eval;
    eval.cache.dir = cache_dir.string();
    eval.jobs = 1;
    ModelResult model = script::run_compiled(script::compile(argv[1], eval.cache), {});
    std::vector<Shape> roots;
    for (const Displayed& d : model.shapes) roots.push_back(d.shape);
    evaluate(roots, eval); // fills the cache (roots are always stored)

    auto store = detail::DirectoryStore::open(cache_dir);
    if (!store) return 1;

    // The payloads of the roots' entries, exactly the bytes a hit parses.
    std::vector<fs::path> payload_files;
    std::vector<std::string> payloads;
    std::uint64_t entry_bytes = 0, payload_bytes = 0;
    for (const Shape& r : roots) {
        fs::path entry = store->entry_path(r.key());
        std::string bytes = read_all(entry);
        std::string why;
        auto decoded = detail::decode_entry(r.key(), bytes, why);
        if (!decoded) {
            std::fprintf(stderr, "bench_cache_hit: bad entry %s (%s)\n", entry.c_str(), why.c_str());
            return 1;
        }
        fs::path p = cache_dir / (r.key().hex() + ".payload");
        std::ofstream(p, std::ios::binary) << decoded->payload;
        payload_files.push_back(p);
        payloads.emplace_back(decoded->payload);
        entry_bytes += bytes.size();
        payload_bytes += decoded->payload.size();
    }

    std::vector<double> hit, load, bare, parse;
    for (int i = 0; i <= reps; ++i) { // round 0 warms the page cache
        clear_memory_cache();
        auto t0 = Clock::now();
        Stats s = evaluate(roots, eval);
        double a = ms_since(t0);
        if (s.disk_hits != roots.size() || s.computed != 0) {
            std::fprintf(stderr, "bench_cache_hit: expected %zu disk hits, got %llu\n", roots.size(),
                         (unsigned long long)s.disk_hits);
            return 1;
        }

        t0 = Clock::now();
        Stats ignored;
        for (const Shape& r : roots)
            if (!store->load(r.key(), ignored)) return 1;
        double b = ms_since(t0);

        t0 = Clock::now();
        for (const fs::path& p : payload_files) {
            TopoDS_Shape shape;
            if (!BinTools::Read(shape, p.c_str()) || shape.IsNull()) return 1;
        }
        double c = ms_since(t0);

        t0 = Clock::now();
        for (const std::string& bytes : payloads) {
            std::istringstream in(bytes);
            TopoDS_Shape shape;
            BinTools::Read(shape, in);
            if (shape.IsNull()) return 1;
        }
        double d = ms_since(t0);
        if (i == 0) continue;
        hit.push_back(a);
        load.push_back(b);
        bare.push_back(c);
        parse.push_back(d);
    }
    for (const fs::path& p : payload_files) fs::remove(p);

    double h = median(hit), l = median(load), b = median(bare);
    std::printf("reps %d\n", reps);
    std::printf("shapes %zu\n", roots.size());
    std::printf("entry_bytes %llu\n", (unsigned long long)entry_bytes);
    std::printf("payload_bytes %llu\n", (unsigned long long)payload_bytes);
    std::printf("hit_ms %.4f\n", h);
    std::printf("load_ms %.4f\n", l);
    std::printf("bare_ms %.4f\n", b);
    std::printf("parse_ms %.4f\n", median(parse));
    std::printf("hit_over_parse %.2f\n", h / median(parse));
    std::printf("hit_over_bare %.2f\n", h / b);
    std::printf("load_over_bare %.2f\n", l / b);
    return 0;
}
