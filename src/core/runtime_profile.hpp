// The runtime profile: the host facts plus what follows from them (effective resources, CPU tier, class).
// A plain value; build it with profile::build_profile.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

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

struct RuntimeProfile {
  int schema_version = kProfileSchemaVersion;
  std::chrono::system_clock::time_point detected_at;
  std::string fingerprint;
  HostFacts facts;
  EffectiveResources effective;
  std::optional<CpuTier> cpu_tier;
  Level profile_class = Level::local_cpu_only;
};

std::string_view to_string(CpuTier tier);

}  // namespace autocut::core
