#pragma once
// Which code called into lazycad: how an Error names the line of the model
// script that made a failing node.

#include <cstdint>

namespace lazycad::detail {

/// The return address in the innermost stack frame outside lazycad's own
/// libraries (liblazycad*), found by unwinding: the script (or program) line
/// that called the public function running now. 0 if there is none.
std::uintptr_t calling_code();

} // namespace lazycad::detail
