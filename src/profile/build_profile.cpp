#include "profile/build_profile.hpp"

#include <algorithm>
#include <cmath>

#include "profile/fingerprint.hpp"

namespace autocut::profile {

core::CpuTier cpu_tier(double usable_cpus) {
  if (usable_cpus >= 16) return core::CpuTier::ultra;
  if (usable_cpus >= 8) return core::CpuTier::high;
  if (usable_cpus >= 4) return core::CpuTier::medium;
  return core::CpuTier::low;
}

core::EffectiveResources effective_resources(const core::HostFacts& facts) {
  core::EffectiveResources effective;

  if (facts.cpu && facts.cpu->threads > 0) {
    // The affinity mask and cpuset bound which CPUs we may use; a quota bounds how much of them (Go runtime rule).
    auto count = static_cast<double>(facts.cpu->threads);
    if (!facts.cpu->allowed_cpus.empty()) count = std::min(count, static_cast<double>(facts.cpu->allowed_cpus.size()));
    if (facts.cgroup && facts.cgroup->cpuset)
      count = std::min(count, static_cast<double>(facts.cgroup->cpuset->size()));
    if (facts.cgroup && facts.cgroup->cpu_quota && facts.cgroup->cpu_quota->period_us > 0)
      count = std::min(count, static_cast<double>(facts.cgroup->cpu_quota->quota_us) /
                                  static_cast<double>(facts.cgroup->cpu_quota->period_us));
    effective.cpus = std::round(count * 100) / 100;
    effective.cpus_limited_by_container = count < static_cast<double>(facts.cpu->threads);
  }

  if (facts.memory) {
    effective.memory_total_bytes = facts.memory->total_bytes;
    effective.memory_available_bytes = facts.memory->available_bytes;
    if (facts.cgroup && facts.cgroup->memory_limit_bytes &&
        *facts.cgroup->memory_limit_bytes < facts.memory->total_bytes) {
      const auto limit = *facts.cgroup->memory_limit_bytes;
      const auto used = facts.cgroup->memory_working_set_bytes.value_or(0);
      const auto room = limit > used ? limit - used : 0;
      effective.memory_total_bytes = limit;
      effective.memory_available_bytes = std::min(facts.memory->available_bytes.value_or(room), room);
      effective.memory_limited_by_container = true;
    }
  }
  return effective;
}

core::RuntimeProfile build_profile(core::HostFacts facts, std::chrono::system_clock::time_point detected_at,
                                   const ClassifySettings& settings) {
  core::RuntimeProfile profile;
  profile.detected_at = detected_at;
  profile.effective = effective_resources(facts);
  if (profile.effective.cpus) profile.cpu_tier = cpu_tier(*profile.effective.cpus);
  auto classification = classify(facts.gpus, profile.effective.memory_available_bytes, settings);
  profile.gpu_capacity = std::move(classification.capacity);
  profile.best_gpu = classification.best_gpu;
  profile.profile_class = classification.level;
  profile.class_reason = classification.reason;
  profile.fingerprint = hardware_fingerprint(facts);
  profile.facts = std::move(facts);
  return profile;
}

}  // namespace autocut::profile
