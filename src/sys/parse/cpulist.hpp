// The kernel's CPU list format ("0-3,8,10-11"), as used by sysfs, cpuset and /proc/self/status.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

// Sorted, unique CPU numbers; an empty list for empty text; nullopt when malformed or absurdly large.
std::optional<std::vector<int>> parse_cpulist(std::string_view text);

}  // namespace autocut::sys::parse
