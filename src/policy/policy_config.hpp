// The knobs of the policy, typed, with their defaults. Filled from config::Settings at the edge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace autocut::policy {

struct PolicyConfig {
  bool use_local_vision = true;  // USE_LOCAL_VISION: false sends vision to the cloud where a key exists
  std::optional<std::string> local_vision_model;  // LOCAL_VISION_MODEL: pins a model (warned about when it cannot fit)
  double fit_factor = 1.3;                        // AUTOCUT_FIT_FACTOR: loaded size ≈ download size × this
  std::uint64_t cpu_vision_max_bytes = std::uint64_t{3}
                                       << 30;  // AUTOCUT_CPU_VISION_MAX_MIB: larger is too slow on a CPU
};

}  // namespace autocut::policy
