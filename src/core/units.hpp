// Byte counts as people read them.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace autocut::core {

// GiB with one decimal: "7.4".
inline std::string gib_text(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return text;
}

}  // namespace autocut::core
