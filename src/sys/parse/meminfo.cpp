#include "sys/parse/meminfo.hpp"

#include <limits>

#include "sys/parse/numbers.hpp"

namespace autocut::sys::parse {
namespace {
// "  24684096 kB" -> bytes; the kernel prints kB (KiB) for every field that has a unit.
std::optional<std::uint64_t> kib_field(std::string_view value) {
  const auto fields = split_whitespace(value);
  if (fields.empty() || fields.size() > 2) return std::nullopt;
  const auto number = parse_u64(fields[0]);
  if (!number) return std::nullopt;
  if (fields.size() == 1) return number;
  if (fields[1] != "kB") return std::nullopt;
  if (*number > std::numeric_limits<std::uint64_t>::max() / 1024) return std::nullopt;
  return *number * 1024;
}
}  // namespace

Meminfo parse_meminfo(std::string_view text) {
  Meminfo info;
  for_each_line(text, [&](std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    const auto key = line.substr(0, colon);
    const auto value = line.substr(colon + 1);
    if (key == "MemTotal")
      info.total_bytes = kib_field(value);
    else if (key == "MemAvailable")
      info.available_bytes = kib_field(value);
    else if (key == "SwapTotal")
      info.swap_total_bytes = kib_field(value);
    else if (key == "SwapFree")
      info.swap_free_bytes = kib_field(value);
  });
  return info;
}

}  // namespace autocut::sys::parse
