// The runtime profile: the host facts plus what follows from them (effective resources, CPU tier, class).
// A plain value; build it with profile::build_profile.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/host_facts.hpp"
#include "core/level.hpp"

namespace autocut::core {

inline constexpr int kProfileSchemaVersion = 1;

enum class CpuTier { low, medium, high, ultra };

// What this process can really use: the lower of the host's figures and its container's limits.
struct EffectiveResources {
  std::optional<double> cpus;  // fractional under a CPU quota
  bool cpus_limited_by_container = false;
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> memory_available_bytes;
  bool memory_limited_by_container = false;
};

// What the profile makes of one GPU (parallel to HostFacts::gpus).
struct GpuCapacity {
  // The memory that decides the class: the card's own for a discrete GPU; for an integrated one, what it can
  // really take from the system (bounded by available system memory, never added to it).
  std::optional<std::uint64_t> class_memory_bytes;
  std::optional<std::uint64_t> usable_bytes;  // free now, less the driver reserve: what model fit works with
  Level level = Level::local_cpu_only;        // the class this GPU alone gives the machine
};

enum class ClassReason {
  no_gpu,             // nothing on the PCI bus or in NVML
  gpu_memory,         // the best GPU's memory sets the class
  gpu_too_small,      // GPUs exist, none reaches the lowest GPU class
  gpu_memory_unknown  // GPUs exist, none reports its memory
};

struct RuntimeProfile {
  int schema_version = kProfileSchemaVersion;
  std::chrono::system_clock::time_point detected_at;
  std::string fingerprint;
  HostFacts facts;
  EffectiveResources effective;
  std::optional<CpuTier> cpu_tier;
  std::vector<GpuCapacity> gpu_capacity;  // one per facts.gpus
  std::optional<std::size_t> best_gpu;    // index into facts.gpus: the GPU AI work should use
  Level profile_class = Level::local_cpu_only;
  ClassReason class_reason = ClassReason::no_gpu;
};

std::string_view to_string(CpuTier tier);

}  // namespace autocut::core
