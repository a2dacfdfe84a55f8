// Text from the host (model names, distribution names, paths) made safe to print and to put in JSON.
#pragma once

#include <string>
#include <string_view>

namespace autocut::core {

// Replaces each invalid UTF-8 sequence and each control character other than newline and tab with U+FFFD,
// so a corrupt /proc file cannot put raw bytes on a terminal or break the JSON document.
std::string printable(std::string_view text);

}  // namespace autocut::core
