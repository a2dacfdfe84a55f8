// The knobs of the policy, typed, with their defaults. Filled from config::Settings at the edge.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model_fit/measured_fits.hpp"

namespace autocut::policy {

using MeasuredFit = model_fit::MeasuredFit;

struct PolicyConfig {
  bool use_local_vision = true;  // USE_LOCAL_VISION: false sends vision to the cloud where a key exists
  std::optional<std::string> local_vision_model;  // LOCAL_VISION_MODEL: pins a model (warned about when it cannot fit)
  double fit_factor = 1.3;                        // AUTOCUT_FIT_FACTOR: loaded size ≈ download size × this
  std::uint64_t cpu_vision_max_bytes = std::uint64_t{3}
                                       << 30;  // AUTOCUT_CPU_VISION_MAX_MIB: larger is too slow on a CPU
  std::string kv_cache_type = "f16";           // OLLAMA_KV_CACHE_TYPE: what the runtime stores its KV cache as
  // AUTOCUT_EDITOR_GPU_RESERVE_MIB: kept free on the GPU the editor encodes on; unset, by editor (see editor_reserve)
  std::optional<std::uint64_t> editor_gpu_reserve_bytes;
  std::vector<MeasuredFit> measured;  // what runtimes reported models taking, kept from earlier runs
};

}  // namespace autocut::policy
