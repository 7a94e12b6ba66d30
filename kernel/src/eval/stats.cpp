#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include "lazycad/evaluate.hpp"

namespace lazycad {

Stats& Stats::operator+=(const Stats& o) {
    nodes += o.nodes;
    computed += o.computed;
    folded += o.folded;
    disk_hits += o.disk_hits;
    memory_hits += o.memory_hits;
    stored += o.stored;
    remote_hits += o.remote_hits;
    remote_stored += o.remote_stored;
    remote_errors += o.remote_errors;
    misses += o.misses;
    checked += o.checked;
    check_ms += o.check_ms;
    compute_ms += o.compute_ms;
    load_ms += o.load_ms;
    store_ms += o.store_ms;
    bytes_read += o.bytes_read;
    bytes_written += o.bytes_written;
    return *this;
}

std::string Stats::to_json() const {
    nlohmann::ordered_json j{{"nodes", nodes},         {"computed", computed}, {"folded", folded},
                             {"disk_hits", disk_hits}, {"memory_hits", memory_hits},
                             {"stored", stored},       {"remote_hits", remote_hits},
                             {"remote_stored", remote_stored}, {"remote_errors", remote_errors},
                             {"misses", misses},
                             {"checked", checked},
                             {"check_ms", check_ms},   {"compute_ms", compute_ms},
                             {"load_ms", load_ms},     {"store_ms", store_ms},
                             {"bytes_read", bytes_read}, {"bytes_written", bytes_written}};
    return j.dump();
}

std::string Stats::summary() const {
    return fmt::format("{} nodes: {} computed ({:.1f} ms), {} from disk ({:.1f} ms, {} bytes), "
                       "{} from memory, {} stored ({:.1f} ms, {} bytes){}",
                       nodes, computed, compute_ms, disk_hits, load_ms, bytes_read, memory_hits,
                       stored, store_ms, bytes_written,
                       remote_hits + remote_stored + remote_errors == 0
                           ? std::string()
                           : fmt::format("; remote: {} hits, {} stored, {} errors", remote_hits,
                                         remote_stored, remote_errors));
}

} // namespace lazycad
