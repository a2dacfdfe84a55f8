#include "core/level.hpp"

#include <array>
#include <utility>

namespace autocut::core {
namespace {
constexpr std::array<std::pair<Level, std::string_view>, 5> kNames{{
    {Level::local_gpu_high, "LOCAL_GPU_HIGH"},
    {Level::local_gpu_mid, "LOCAL_GPU_MID"},
    {Level::local_gpu_low, "LOCAL_GPU_LOW"},
    {Level::local_cpu_only, "LOCAL_CPU_ONLY"},
    {Level::hybrid, "HYBRID"},
}};
}  // namespace

std::string_view to_string(Level level) {
  for (const auto& [value, name] : kNames)
    if (value == level) return name;
  return "UNKNOWN";
}

std::optional<Level> parse_level(std::string_view name) {
  for (const auto& [value, text] : kNames)
    if (text == name) return value;
  return std::nullopt;
}

}  // namespace autocut::core
