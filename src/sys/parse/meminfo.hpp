// /proc/meminfo, the figures the profile and the monitor need, in bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace autocut::sys::parse {

struct Meminfo {
  std::optional<std::uint64_t> total_bytes;
  std::optional<std::uint64_t> available_bytes;  // MemAvailable (kernel >= 3.14); never MemFree
  std::optional<std::uint64_t> swap_total_bytes;
  std::optional<std::uint64_t> swap_free_bytes;
};

Meminfo parse_meminfo(std::string_view text);

}  // namespace autocut::sys::parse
