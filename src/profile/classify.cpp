#include "profile/classify.hpp"

#include <algorithm>
#include <tuple>

namespace autocut::profile {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// Drivers keep a little of every card for themselves; 2% covers it (8188 MiB of 8192) without lifting a 7 GiB
// card into the 7.5 GiB class.
constexpr double kNominalSlack = 1.02;

}  // namespace

core::Level level_for_gpu_memory(std::uint64_t bytes, const ClassifySettings& settings) {
  const double gib = static_cast<double>(bytes) / kGiB * kNominalSlack;
  if (gib >= settings.high_gib) return core::Level::local_gpu_high;
  if (gib >= settings.mid_gib) return core::Level::local_gpu_mid;
  if (gib >= settings.low_gib) return core::Level::local_gpu_low;
  return core::Level::local_cpu_only;
}

core::GpuCapacity gpu_capacity(const core::GpuFacts& gpu, std::optional<std::uint64_t> system_available_bytes,
                               const ClassifySettings& settings) {
  core::GpuCapacity capacity;
  const auto less_reserve = [&](std::uint64_t bytes) {
    return bytes > settings.gpu_reserve_bytes ? bytes - settings.gpu_reserve_bytes : std::uint64_t{0};
  };
  if (gpu.display_only) return capacity;
  if (gpu.integrated) {
    // What the GPU may address (carve-out plus GTT) when the driver says, but never more than the system can spare
    // now. NVIDIA's SoCs report no figures at all and use system memory as their own; other integrated GPUs
    // without figures (Intel's) are not counted on for AI work.
    std::optional<std::uint64_t> addressable;
    if (gpu.memory_total_bytes) addressable = *gpu.memory_total_bytes + gpu.shared_memory_total_bytes.value_or(0);
    const bool unified = !addressable && gpu.vendor == core::GpuVendor::nvidia;
    if (system_available_bytes && addressable)
      capacity.class_memory_bytes = std::min(*addressable, *system_available_bytes);
    if (system_available_bytes && unified) capacity.class_memory_bytes = *system_available_bytes;
    if (capacity.class_memory_bytes) capacity.usable_bytes = less_reserve(*capacity.class_memory_bytes);
  } else if (gpu.mig_enabled && !gpu.mig_instances.empty()) {
    // With MIG on, a process gets an instance, never the whole card: the largest instance is the GPU it has.
    for (const auto& instance : gpu.mig_instances) {
      if (instance.memory_total_bytes)
        capacity.class_memory_bytes = std::max(capacity.class_memory_bytes.value_or(0), *instance.memory_total_bytes);
      if (instance.memory_free_bytes)
        capacity.usable_bytes = std::max(capacity.usable_bytes.value_or(0), less_reserve(*instance.memory_free_bytes));
    }
  } else {
    capacity.class_memory_bytes = gpu.memory_total_bytes;
    std::optional<std::uint64_t> free = gpu.memory_free_bytes;
    if (!free && gpu.memory_total_bytes && gpu.memory_used_bytes && *gpu.memory_used_bytes <= *gpu.memory_total_bytes)
      free = *gpu.memory_total_bytes - *gpu.memory_used_bytes;
    if (free) capacity.usable_bytes = less_reserve(*free);
  }
  if (capacity.class_memory_bytes) capacity.level = level_for_gpu_memory(*capacity.class_memory_bytes, settings);
  return capacity;
}

Classification classify(const std::vector<core::GpuFacts>& gpus, std::optional<std::uint64_t> system_available_bytes,
                        const ClassifySettings& settings) {
  Classification result;
  for (const auto& gpu : gpus) result.capacity.push_back(gpu_capacity(gpu, system_available_bytes, settings));
  if (gpus.empty()) return result;

  // Best: the strongest class, then a card with memory of its own, then the most usable memory, then CUDA (what
  // local runtimes accelerate best).
  const auto rank = [&](std::size_t i) {
    return std::make_tuple(-static_cast<int>(result.capacity[i].level), !gpus[i].integrated,
                           result.capacity[i].usable_bytes.value_or(0), gpus[i].vendor == core::GpuVendor::nvidia);
  };
  std::size_t best = 0;
  for (std::size_t i = 1; i < gpus.size(); ++i)
    if (rank(i) > rank(best)) best = i;

  const bool any_memory = std::any_of(result.capacity.begin(), result.capacity.end(),
                                      [](const auto& capacity) { return capacity.class_memory_bytes.has_value(); });
  result.best_gpu = best;
  result.level = result.capacity[best].level;
  if (result.level != core::Level::local_cpu_only)
    result.reason = core::ClassReason::gpu_memory;
  else
    result.reason = any_memory ? core::ClassReason::gpu_too_small : core::ClassReason::gpu_memory_unknown;
  return result;
}

}  // namespace autocut::profile
