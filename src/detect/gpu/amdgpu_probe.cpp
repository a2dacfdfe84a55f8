// AMD GPUs through the amdgpu driver's sysfs files: VRAM and GTT, load, temperature and power.
#include "detect/gpu/amd_integrated.hpp"
#include "detect/gpu/amdgpu_reading.hpp"
#include "detect/gpu/gpu_list.hpp"
#include "detect/gpu/gpu_sysfs.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

bool amd_is_integrated(bool has_vram_vendor, std::optional<std::uint64_t> vram_total,
                       std::optional<std::uint64_t> gtt_total) {
  // Discrete boards say who made their memory; APUs have none of their own, only a small BIOS carve-out that
  // the driver tops up from system memory through GTT.
  if (has_vram_vendor) return false;
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  if (!vram_total) return true;
  const bool small_carve_out = *vram_total <= 4 * kGiB;
  const bool large_gtt = gtt_total && *gtt_total >= 8 * kGiB && *gtt_total >= 4 * *vram_total;
  return small_carve_out || large_gtt;
}

ProbeOutcome probe_amdgpu(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  int described = 0;
  int seen = 0;
  std::string problems;
  for (auto& gpu : facts.gpus) {
    if (gpu.vendor != core::GpuVendor::amd) continue;
    ++seen;
    if (gpu.kernel_driver != "amdgpu") {
      problems += (problems.empty() ? "" : "; ") + gpu.pci_address + ": driven by " +
                  gpu.kernel_driver.value_or("no driver") + ", not amdgpu: memory unknown";
      continue;
    }
    const auto reading = read_amdgpu(GpuSysfs(root, gpu.pci_address));
    gpu.memory_total_bytes = reading.vram_total_bytes;
    gpu.memory_used_bytes = reading.vram_used_bytes;
    if (gpu.memory_total_bytes && gpu.memory_used_bytes && *gpu.memory_used_bytes <= *gpu.memory_total_bytes)
      gpu.memory_free_bytes = *gpu.memory_total_bytes - *gpu.memory_used_bytes;
    gpu.shared_memory_total_bytes = reading.gtt_total_bytes;
    gpu.integrated = amd_is_integrated(reading.has_vram_vendor, gpu.memory_total_bytes, gpu.shared_memory_total_bytes);
    gpu.utilization_percent = reading.busy_percent;
    gpu.temperature_celsius = reading.temperature_celsius;
    gpu.power_watts = reading.power_watts;
    if (reading.product_name && !gpu.name) gpu.name = reading.product_name;
    if (!gpu.memory_total_bytes) {
      problems += (problems.empty() ? "" : "; ") + gpu.pci_address + ": mem_info_vram_total unreadable";
      continue;
    }
    add_source(gpu, "amdgpu");
    ++described;
  }
  if (seen == 0) return absent("no AMD GPU");
  if (!problems.empty()) return failed(problems);
  return ok(std::to_string(described) + " AMD GPU" + (described == 1 ? "" : "s") + " through amdgpu sysfs");
}

}  // namespace autocut::detect
