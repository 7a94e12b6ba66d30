#include "eval/validity.hpp"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_set>

namespace lazycad::detail {

namespace {

struct Verdicts {
    std::mutex mutex;
    std::unordered_set<NodeKey, NodeKeyHash> valid;
};

Verdicts& verdicts() {
    static Verdicts v;
    return v;
}

} // namespace

bool validity_policy_on() {
    const char* off = std::getenv("LAZYCAD_BENCH_NO_VALIDITY");
    return !off || std::strcmp(off, "1") != 0;
}

bool known_valid(const NodeKey& key) {
    Verdicts& v = verdicts();
    std::lock_guard lock(v.mutex);
    return v.valid.count(key) != 0;
}

void mark_valid(const NodeKey& key) {
    Verdicts& v = verdicts();
    std::lock_guard lock(v.mutex);
    v.valid.insert(key);
}

void forget_verdicts() {
    Verdicts& v = verdicts();
    std::lock_guard lock(v.mutex);
    v.valid.clear();
}

} // namespace lazycad::detail
