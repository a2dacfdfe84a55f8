// The five execution levels, most local capability first, and their stable names.
#pragma once

#include <optional>
#include <string_view>

namespace autocut::core {

// Declared strongest first so that a larger value is a weaker level: the effective level is the max of the demands.
enum class Level { local_gpu_high, local_gpu_mid, local_gpu_low, local_cpu_only, hybrid };

std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view name);

}  // namespace autocut::core
