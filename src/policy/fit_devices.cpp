#include "policy/fit_devices.hpp"

#include <algorithm>

namespace autocut::policy {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kEncoderReserve = 768 * kMiB;
constexpr std::uint64_t kResolveReserve = 3072 * kMiB;

// The vendor whose GPU an editor works on; Resolve uses whichever is best.
bool editor_uses(const TaskPolicy& editing, core::GpuVendor vendor) {
  if (editing.backend == Backend::davinci_resolve) return true;
  if (editing.backend != Backend::ffmpeg_hardware || !editing.model) return false;
  const auto& encoder = *editing.model;
  if (encoder.ends_with("_nvenc")) return vendor == core::GpuVendor::nvidia;
  if (encoder.ends_with("_amf")) return vendor == core::GpuVendor::amd;
  if (encoder.ends_with("_qsv")) return vendor == core::GpuVendor::intel;
  if (encoder.ends_with("_vaapi")) return vendor == core::GpuVendor::amd || vendor == core::GpuVendor::intel;
  return false;
}

std::string label_of(const core::GpuFacts& gpu) { return gpu.name.value_or(gpu.pci_address); }

std::uint64_t less(std::uint64_t bytes, std::uint64_t taken) { return bytes > taken ? bytes - taken : 0; }

}  // namespace

std::uint64_t editor_reserve(const TaskPolicy& editing, const PolicyConfig& config) {
  if (editing.backend != Backend::davinci_resolve && editing.backend != Backend::ffmpeg_hardware) return 0;
  if (config.editor_gpu_reserve_bytes) return *config.editor_gpu_reserve_bytes;
  return editing.backend == Backend::davinci_resolve ? kResolveReserve : kEncoderReserve;
}

GpuDevices gpu_devices(const core::RuntimeProfile& profile, const TaskPolicy& editing, const PolicyConfig& config) {
  GpuDevices result;
  if (!profile.best_gpu || profile.profile_class == core::Level::local_cpu_only) return result;
  const auto& gpus = profile.facts.gpus;
  const auto& best = gpus.at(*profile.best_gpu);

  // The best GPU first, then the other cards of its vendor with memory of their own.
  std::vector<std::size_t> order{*profile.best_gpu};
  if (!best.integrated)
    for (std::size_t i = 0; i < gpus.size(); ++i)
      if (i != *profile.best_gpu && gpus[i].vendor == best.vendor && !gpus[i].integrated && !gpus[i].display_only &&
          profile.gpu_capacity.at(i).usable_bytes)
        order.push_back(i);

  for (const auto i : order) {
    const auto& gpu = gpus[i];
    const auto& capacity = profile.gpu_capacity.at(i);
    if (!capacity.usable_bytes) continue;
    const auto bandwidth = gpu.memory_bandwidth();
    if (gpu.mig_enabled && !gpu.mig_instances.empty()) {
      // Each instance is a GPU of its own; the driver's reserve is what the largest one keeps back.
      std::uint64_t largest_free = 0;
      for (const auto& instance : gpu.mig_instances)
        largest_free = std::max(largest_free, instance.memory_free_bytes.value_or(0));
      const auto reserve = less(largest_free, *capacity.usable_bytes);
      for (const auto& instance : gpu.mig_instances) {
        if (!instance.memory_free_bytes) continue;
        const auto id = "gpu " + gpu.pci_address + " mig " + std::to_string(instance.gpu_instance) + "/" +
                        std::to_string(instance.compute_instance);
        const auto label = label_of(gpu) + " MIG " + instance.profile.value_or(std::to_string(instance.gpu_instance));
        result.devices.push_back({id, label, less(*instance.memory_free_bytes, reserve), bandwidth});
      }
      result.may_split = false;
    } else {
      result.devices.push_back({"gpu " + gpu.pci_address, label_of(gpu), *capacity.usable_bytes, bandwidth});
    }
  }
  std::stable_sort(result.devices.begin(), result.devices.end(),
                   [](const auto& a, const auto& b) { return a.usable_bytes > b.usable_bytes; });

  // The editor encodes on the best GPU of its vendor: what it keeps there is not the model's.
  const auto reserve = editor_reserve(editing, config);
  if (reserve > 0 && !result.devices.empty() && editor_uses(editing, best.vendor)) {
    auto& device = result.devices.front();
    device.usable_bytes = less(device.usable_bytes, reserve);
    result.reserved_bytes = reserve;
    result.reserved_for = editing.model.value_or("");
  }
  return result;
}

}  // namespace autocut::policy
