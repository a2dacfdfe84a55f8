// From host facts to the runtime profile: effective resources, CPU tier, class and fingerprint. Pure.
#pragma once

#include <chrono>

#include "core/runtime_profile.hpp"
#include "profile/classify.hpp"

namespace autocut::profile {

// Thresholds on usable CPUs (threads, or fewer under a quota or affinity mask): the original called 24 threads "ultra".
core::CpuTier cpu_tier(double usable_cpus);

core::EffectiveResources effective_resources(const core::HostFacts& facts);

core::RuntimeProfile build_profile(core::HostFacts facts, std::chrono::system_clock::time_point detected_at,
                                   const ClassifySettings& settings = {});

}  // namespace autocut::profile
