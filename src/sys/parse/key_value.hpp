// "Key: value" (cpuinfo, /proc/self/status) and "key value" (memory.stat) files, as ordered pairs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace autocut::sys::parse {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// Splits each line at the first `separator` and trims both sides; lines without it are skipped.
// A separator of ' ' splits at the first run of whitespace.
KeyValues parse_key_values(std::string_view text, char separator);
std::optional<std::string> find_value(const KeyValues& pairs, std::string_view key);

}  // namespace autocut::sys::parse
