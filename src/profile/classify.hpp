// The machine's class from its GPUs (DESIGN §3): HIGH >= 15 GiB, MID >= 7.5 GiB, LOW >= 3.5 GiB, else CPU only.
// Pure.
#pragma once

#include <cstdint>

#include "core/runtime_profile.hpp"

namespace autocut::profile {

struct ClassifySettings {
  std::uint64_t gpu_reserve_bytes = std::uint64_t{512} << 20;  // what the driver and runtime keep for themselves
  double high_gib = 15.0;                                      // a GPU with at least this much is LOCAL_GPU_HIGH
  double mid_gib = 7.5;
  double low_gib = 3.5;
};

// Reads a card's total as its nominal size: an 8 GB card reports ~8188 MiB and is still an 8 GB card.
core::Level level_for_gpu_memory(std::uint64_t bytes, const ClassifySettings& settings = {});

core::GpuCapacity gpu_capacity(const core::GpuFacts& gpu, std::optional<std::uint64_t> system_available_bytes,
                               const ClassifySettings& settings);

struct Classification {
  std::vector<core::GpuCapacity> capacity;
  std::optional<std::size_t> best_gpu;
  core::Level level = core::Level::local_cpu_only;
  core::ClassReason reason = core::ClassReason::no_gpu;
};

Classification classify(const std::vector<core::GpuFacts>& gpus, std::optional<std::uint64_t> system_available_bytes,
                        const ClassifySettings& settings);

}  // namespace autocut::profile
