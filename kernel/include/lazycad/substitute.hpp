#pragma once
// Replacing named nodes of a lazy graph (`--override NAME=FILE`): the graph
// is rebuilt above each replacement, so every node built on it gets a new key
// and is recomputed (or hit, if it was built on the same replacement before).

#include <map>
#include <string>
#include <vector>

#include "shape.hpp"

namespace lazycad {

/// `roots` with every node named (`.named()`) a key of `replacements` replaced
/// by that shape (which keeps the name). Nodes not built on a replaced one are
/// unchanged (same key). Iterative: deep graphs are fine. Throws Error naming
/// the first name that matches no node (listing the graph's named nodes).
std::vector<Shape> substitute(const std::vector<Shape>& roots,
                              const std::map<std::string, Shape>& replacements);

} // namespace lazycad
