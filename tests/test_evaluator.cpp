// Evaluation: memory cache, then directory cache, then compute, with counts;
// cached nodes are loaded without touching their parents; deep chains; the
// thread pool; errors, OCCT failures and cancellation.

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include <pthread.h>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRep_Builder.hxx>
#include <Standard_ConstructionError.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Shell.hxx>
#include <TopoDS_Solid.hxx>
#include <gp_Dir.hxx>
#include <gp_Pln.hxx>

#include "foundation_support.hpp"
#include "lazycad/lazycad.hpp"
#include "lazycad/occt.hpp"

namespace fs = std::filesystem;
using namespace lazycad;
using namespace lazycad::test;
using Catch::Matchers::Contains;

namespace {

/// A custom box that counts how often it is computed (the counter lives
/// outside the key on purpose: it observes, it does not shape).
Shape counted_box(double size, std::atomic<int>& calls) {
    return custom_operation("counted_box", "1", {{"size", size}}, {},
                            [&calls](const std::vector<TopoDS_Shape>&, const Params& p) {
                                ++calls;
                                double s = p[0].value.as<double>();
                                return BRepPrimAPI_MakeBox(s, s, s).Shape();
                            });
}

/// A custom operation that passes its input through after `ms` milliseconds,
/// recording how many of its kind run at once.
struct Overlap {
    std::atomic<int> running{0}, most{0};
};
Shape slow_pass(const Shape& in, int ms, Overlap& o) {
    return custom_operation("slow_pass", "1", {{"ms", ms}}, {in},
                            [&o](const std::vector<TopoDS_Shape>& inputs, const Params& p) {
                                int now = ++o.running;
                                for (int m = o.most; now > m && !o.most.compare_exchange_weak(m, now);) {
                                }
                                std::this_thread::sleep_for(
                                    std::chrono::milliseconds(p[0].value.as<std::int64_t>()));
                                --o.running;
                                return inputs[0];
                            });
}

/// A solid whose only shell is one open square face: not a valid solid.
TopoDS_Shape open_solid() {
    TopoDS_Face face = BRepBuilderAPI_MakeFace(gp_Pln(), 0, 5, 0, 5).Face();
    BRep_Builder b;
    TopoDS_Shell shell;
    b.MakeShell(shell);
    b.Add(shell, face);
    TopoDS_Solid solid;
    b.MakeSolid(solid);
    b.Add(solid, shell);
    return solid;
}

} // namespace

TEST_CASE("evaluator: memory cache, then directory cache, then compute, with counts", "[eval]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    Shape s = holed_block(20);

    Stats cold = evaluate({s}, o);
    CHECK(cold.nodes == 5);
    CHECK(cold.computed == 5);
    CHECK(cold.disk_hits == 0);
    CHECK(cold.memory_hits == 0);
    CHECK(cold.stored == 1);
    CHECK(cold.bytes_written > 0);
    CHECK(cold.compute_ms > 0);
    CHECK(cold.store_ms > 0);
    CHECK(cache_state(s, o.cache) == CacheState::memory);

    Stats memory = evaluate({s}, o);
    CHECK(memory.nodes == 1);
    CHECK(memory.memory_hits == 1);
    CHECK(memory.computed == 0);
    CHECK(memory.disk_hits == 0);
    CHECK(memory.stored == 0);

    clear_memory_cache();
    CHECK(cache_state(s, o.cache) == CacheState::disk);
    CHECK(cache_state(s.parents()[0], o.cache) == CacheState::missing); // a cheap box: memory only
    Stats disk = evaluate({s}, o);
    CHECK(disk.nodes == 1);
    CHECK(disk.disk_hits == 1);
    CHECK(disk.computed == 0);
    CHECK(disk.bytes_read == cold.bytes_written);
    CHECK(disk.load_ms > 0);
    CHECK(volume(s, o) == Approx(holed_block_volume(20)).epsilon(1e-6));
}

TEST_CASE("evaluator: trim_memory_cache keeps what the given shapes use, drops the rest", "[eval]") {
    TempDir dir("trim");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    Shape old_version = holed_block(20), current = holed_block(21);
    evaluate({old_version, current}, o);
    CHECK(cache_state(old_version, o.cache) == CacheState::memory);
    CHECK(cache_state(old_version.parents()[0], o.cache) == CacheState::memory);

    trim_memory_cache({current});
    CHECK(cache_state(current, o.cache) == CacheState::memory);
    for (const Shape& p : current.parents()) CHECK(cache_state(p, o.cache) == CacheState::memory);
    CHECK(cache_state(old_version, o.cache) == CacheState::disk); // still on disk
    CHECK(cache_state(old_version.parents()[0], o.cache) == CacheState::missing);
    Stats again = evaluate({old_version}, o);
    CHECK(again.disk_hits == 1);
    CHECK(again.memory_hits == 0);

    trim_memory_cache({});
    CHECK(cache_state(current, o.cache) == CacheState::disk);
}

TEST_CASE("evaluator: a node found in a cache is loaded without touching its parents", "[eval]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path());
    clear_memory_cache();
    std::atomic<int> calls{0};
    Shape base = counted_box(10, calls) - cylinder(2, 10).right(5).forw(5); // custom + difference: on disk
    Shape top = (base + sphere(2).up(10)).up(1);                           // union on disk, root on disk
    Stats first = evaluate({top}, o);
    CHECK(first.nodes == 9);
    CHECK(first.computed == 9);
    // The difference, the union (expensive, milliseconds each) and the root;
    // not counted_box: microseconds to recompute, less than its entry's write
    // and read (the store policy).
    CHECK(first.stored == 3);
    CHECK(calls == 1);

    SECTION("the final shape on disk: one node visited, nothing computed") {
        clear_memory_cache();
        Stats s = evaluate({top}, o);
        CHECK(s.nodes == 1);
        CHECK(s.disk_hits == 1);
        CHECK(s.computed == 0);
        CHECK(calls == 1);
    }
    SECTION("a new root over a stored union: the union is loaded, its subtree untouched") {
        clear_memory_cache();
        Shape other = (base + sphere(2).up(10)).up(2);
        Stats s = evaluate({other}, o);
        CHECK(s.nodes == 2);
        CHECK(s.computed == 1);
        CHECK(s.disk_hits == 1);
        CHECK(calls == 1);
        CHECK(volume(other, o) == Approx(volume(top, o)).epsilon(1e-9));
    }
    SECTION("in memory: same, through the memory cache") {
        Shape other = top.up(1);
        Stats s = evaluate({other}, o);
        CHECK(s.nodes == 2);
        CHECK(s.computed == 1);
        CHECK(s.memory_hits == 1);
        CHECK(s.disk_hits == 0);
    }
    SECTION("changing one leaf recomputes exactly the path from it to the root") {
        clear_memory_cache();
        Shape changed = (base + sphere(2.5).up(10)).up(1);
        Stats s = evaluate({changed}, o);
        // sphere, its translate, the union and the root translate; `base` from disk.
        CHECK(s.computed == 4);
        CHECK(s.disk_hits == 1);
        CHECK(s.nodes == 5);
        CHECK(calls == 1);
    }
}

TEST_CASE("evaluator: a chain of 2000 translates evaluates without recursion", "[eval]") {
    clear_memory_cache();
    Shape s = box(1, 2, 3);
    for (int i = 0; i < 2000; ++i) s = s.up(0.01);
    Stats st = evaluate({s}, without_cache(1));
    CHECK(st.nodes == 2001);
    CHECK(st.computed == 2001);
    CHECK(volume(s) == Approx(6).epsilon(1e-9));
    BoundingBox bb = bounding_box(s);
    CHECK(bb.min.z == Approx(20).margin(1e-6));
    CHECK(bb.max.z == Approx(23).margin(1e-6));
}

TEST_CASE("evaluator: a chain of 2000 transforms and booleans evaluates without recursion", "[eval][slow]") {
    // 1900 translates and 100 unions in one chain. (Many more booleans over
    // moved shapes get slow in OCCT 7.6 itself: faces a boolean reuses keep a
    // linked list of locations that grows by one per translate+boolean.)
    clear_memory_cache();
    Shape s = box(2, 2, 2);
    double offset = 0;
    for (int i = 0; i < 100; ++i) {
        for (int k = 0; k < 19; ++k) s = s.right(0.001);
        offset += 0.019;
        s = s + box(1, 1, 1).translate(0.5 + offset, 0.5, 0.5); // inside: volume unchanged
    }
    Stats st = evaluate({s}, without_cache(1));
    CHECK(st.computed == st.nodes);
    CHECK(st.nodes == 1 + 1900 + 100 + 100 + 1); // box, translates, unions, inner translates, inner box (shared)
    CHECK(volume(s) == Approx(8).epsilon(1e-6));
    BoundingBox bb = bounding_box(s);
    CHECK(bb.min.x == Approx(1.9).margin(1e-6));
    CHECK(bb.max.x == Approx(3.9).margin(1e-6));
    CHECK(is_valid(s));
}

namespace {
/// Run `fn` on a thread with a small stack (256 KiB), where a recursion as deep
/// as a long chain would crash at once.
void on_small_stack(void (*fn)()) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t t;
    REQUIRE(pthread_create(&t, &attr, [](void* f) -> void* { reinterpret_cast<void (*)()>(f)(); return nullptr; },
                           reinterpret_cast<void*>(fn)) == 0);
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
}
int g_depth = 0;
} // namespace

TEST_CASE("evaluator: dropping a 100000-deep chain does not overflow the stack", "[eval]") {
    on_small_stack([] {
        Shape s = box(1, 1, 1);
        for (int i = 0; i < 100000; ++i) s = s.up(1);
        Shape kept = s.parents()[0].parents()[0]; // part of the chain outlives the rest
        s = box(2, 2, 2);
        // The kept node still has its whole history.
        g_depth = 0;
        for (Shape t = kept; !t.parents().empty(); t = t.parents()[0]) ++g_depth;
        kept = box(3, 3, 3);
    });
    CHECK(g_depth == 99998);
}

TEST_CASE("evaluator: independent branches in parallel give the same result as one thread", "[eval]") {
    std::vector<Shape> parts;
    for (int i = 0; i < 6; ++i)
        parts.push_back(sphere(3 + 0.1 * i).right(10 * i) - box(2, 2, 20, true).right(10 * i));
    Shape all = union_all(parts);

    clear_memory_cache();
    Stats one = evaluate({all}, without_cache(1));
    double v1 = volume(all);
    BoundingBox b1 = bounding_box(all);
    clear_memory_cache();
    Stats two = evaluate({all}, without_cache(2));
    double v2 = volume(all);
    BoundingBox b2 = bounding_box(all);
    CHECK(one.computed == two.computed);
    CHECK(one.nodes == two.nodes);
    CHECK(v1 == Approx(v2).epsilon(1e-12));
    CHECK(b1.max.x == Approx(b2.max.x).epsilon(1e-12));
    CHECK(solid_count(all) == 6);

    SECTION("and they really run at the same time") {
        Overlap overlap;
        Shape a = slow_pass(box(1, 1, 1), 300, overlap), b = slow_pass(sphere(1), 300, overlap);
        evaluate({a + b}, without_cache(2));
        CHECK(overlap.most == 2);
        Overlap serial;
        Shape c = slow_pass(box(1, 1, 1), 50, serial), d = slow_pass(sphere(1), 50, serial);
        evaluate({c + d}, without_cache(1));
        CHECK(serial.most == 1);
    }
}

TEST_CASE("evaluator: an error in one branch names the operation and leaves no half state", "[eval]") {
    TempDir dir("cache");
    EvalOptions o = with_cache(dir.path(), 2);
    clear_memory_cache();
    Shape good = sphere(5) - box(2, 2, 20, true);
    Shape bad = good;
    std::string what;
    SECTION("an OCCT exception") {
        bad = custom_operation("explode", "1", {}, {good}, [](const std::vector<TopoDS_Shape>&, const Params&) {
            gp_Dir d(0, 0, 0); // throws Standard_ConstructionError
            return TopoDS_Shape();
        });
        what = "Standard_ConstructionError";
    }
    SECTION("a lazycad::Error") {
        bad = custom_operation("explode", "1", {}, {good}, [](const std::vector<TopoDS_Shape>&, const Params&) -> TopoDS_Shape {
            throw Error("explode", "size", "explode: parameter 'size' is wrong");
        });
        what = "parameter 'size' is wrong";
    }
    SECTION("a std::exception") {
        bad = custom_operation("explode", "1", {}, {good}, [](const std::vector<TopoDS_Shape>&, const Params&) -> TopoDS_Shape {
            throw std::runtime_error("out of cheese");
        });
        what = "out of cheese";
    }
    SECTION("no shape at all") {
        bad = custom_operation("explode", "1", {}, {good}, [](const std::vector<TopoDS_Shape>&, const Params&) {
            return TopoDS_Shape();
        });
        what = "produced no shape";
    }
    Shape root = (good + bad).up(1);
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            evaluate({root}, o);
            FAIL("no error");
        } catch (const Cancelled&) {
            FAIL("cancelled instead of failed");
        } catch (const Error& e) {
            CHECK(std::string(e.what()).find("explode") != std::string::npos);
            CHECK_THAT(e.what(), Contains(what));
        }
    }
    CHECK(cache_state(root, o.cache) == CacheState::missing);
    CHECK(cache_state(root.parents()[0], o.cache) == CacheState::missing);
    CHECK(cache_state(bad, o.cache) == CacheState::missing);
    // The good branch is whole and reusable.
    CHECK(cache_state(good, o.cache) != CacheState::missing);
    CHECK(volume(good, o) > 0);
    CHECK(is_valid(good, o));
}

TEST_CASE("evaluator: OCCT failures become lazycad::Error", "[eval]") {
    clear_memory_cache();
    Shape broken = custom_operation("open_solid", "1", {}, {}, [](const std::vector<TopoDS_Shape>&, const Params&) {
        return open_solid();
    });
    SECTION("an invalid result is refused by the result check") {
        try {
            evaluate({broken}, without_cache());
            FAIL("no error");
        } catch (const Error& e) {
            CHECK(e.operation() == "custom:open_solid");
            CHECK_THAT(e.what(), Contains("not a valid shape"));
        }
    }
    SECTION("a boolean OCCT refuses (a solid fused with an edge)") {
        Shape edge = custom_operation("edge", "1", {}, {}, [](const std::vector<TopoDS_Shape>&, const Params&) {
            return BRepBuilderAPI_MakeEdge(gp_Pnt(0, 0, 0), gp_Pnt(20, 20, 20)).Shape();
        });
        try {
            evaluate({box(10, 10, 10) + edge}, without_cache());
            FAIL("no error");
        } catch (const Error& e) {
            INFO(e.what());
            CHECK(e.operation() == "union");
            CHECK_THAT(e.what(), Contains("union: OCCT boolean failed") && Contains("BOPAlgo_AlertBOPNotAllowed"));
        }
    }
}

TEST_CASE("evaluator: a cancel request stops evaluation with Cancelled", "[eval]") {
    clear_memory_cache();
    std::atomic<bool> cancel{false};
    EvalOptions o = without_cache(1);
    o.cancel = &cancel;
    Shape s = box(1, 1, 1);
    for (int i = 0; i < 50; ++i) s = s.up(1);

    SECTION("set before the start: nothing is computed") {
        cancel = true;
        CHECK_THROWS_AS(evaluate({s}, o), Cancelled);
        CHECK(cache_state(s.parents()[0].parents()[0], o.cache) == CacheState::missing);
    }
    SECTION("set while running: the rest is not computed") {
        int seen = 0;
        o.on_progress = [&](const Progress& p) {
            if (p.done >= 10 && ++seen == 1) cancel = true;
        };
        CHECK_THROWS_AS(evaluate({s}, o), Cancelled);
        CHECK(cache_state(s, o.cache) == CacheState::missing);
        // Cancelled is also an Error: callers catching Error see it.
        cancel = false;
        CHECK(evaluate({s}, o).computed > 0);
        CHECK(cache_state(s, o.cache) == CacheState::memory);
    }
    SECTION("set inside an OCCT algorithm") {
        std::vector<Shape> balls;
        for (int i = 0; i < 60; ++i) balls.push_back(sphere(2).right(1.5 * i).forw(0.7 * (i % 3)));
        Shape many = union_all(balls);
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancel = true;
        });
        CHECK_THROWS_AS(evaluate({many}, o), Cancelled);
        stopper.join();
        CHECK(cache_state(many, o.cache) == CacheState::missing);
    }
}

TEST_CASE("evaluator: Stats JSON has every field", "[eval]") {
    Stats s;
    s.nodes = 7;
    s.computed = 3;
    s.folded = 10;
    s.disk_hits = 2;
    s.memory_hits = 1;
    s.stored = 4;
    s.compute_ms = 1.5;
    s.load_ms = 2.5;
    s.store_ms = 3.5;
    s.bytes_read = 100;
    s.bytes_written = 200;
    s.checked = 5;
    s.check_ms = 4.5;
    s.remote_hits = 6;
    s.remote_stored = 8;
    s.remote_errors = 9;
    s.misses = 10;
    auto j = nlohmann::json::parse(s.to_json());
    CHECK(j["nodes"] == 7);
    CHECK(j["computed"] == 3);
    CHECK(j["folded"] == 10);
    CHECK(j["disk_hits"] == 2);
    CHECK(j["memory_hits"] == 1);
    CHECK(j["stored"] == 4);
    CHECK(j["compute_ms"] == 1.5);
    CHECK(j["load_ms"] == 2.5);
    CHECK(j["store_ms"] == 3.5);
    CHECK(j["bytes_read"] == 100);
    CHECK(j["bytes_written"] == 200);
    CHECK(j["checked"] == 5);
    CHECK(j["check_ms"] == 4.5);
    CHECK(j["remote_hits"] == 6);
    CHECK(j["remote_stored"] == 8);
    CHECK(j["remote_errors"] == 9);
    CHECK(j["misses"] == 10);
    CHECK(j.size() == 17);
    CHECK(s.to_json().find('\n') == std::string::npos);
    Stats t = s;
    t += s;
    CHECK(t.nodes == 14);
    CHECK(t.bytes_written == 400);
    CHECK(t.remote_hits == 12);
    CHECK(t.remote_errors == 18);
    CHECK(t.misses == 20);
    CHECK(t.compute_ms == 3.0);
}
