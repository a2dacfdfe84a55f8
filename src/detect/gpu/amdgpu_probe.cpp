// AMD GPUs through the amdgpu driver's sysfs files: VRAM and GTT, load, temperature and power.
#include "detect/gpu/amd_integrated.hpp"
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
    const GpuSysfs device(root, gpu.pci_address);
    gpu.memory_total_bytes = device.number("mem_info_vram_total");
    gpu.memory_used_bytes = device.number("mem_info_vram_used");
    if (gpu.memory_total_bytes && gpu.memory_used_bytes && *gpu.memory_used_bytes <= *gpu.memory_total_bytes)
      gpu.memory_free_bytes = *gpu.memory_total_bytes - *gpu.memory_used_bytes;
    gpu.shared_memory_total_bytes = device.number("mem_info_gtt_total");
    gpu.integrated = amd_is_integrated(device.exists("mem_info_vram_vendor"), gpu.memory_total_bytes,
                                       gpu.shared_memory_total_bytes);
    if (const auto busy = device.number("gpu_busy_percent"); busy && *busy <= 100)
      gpu.utilization_percent = static_cast<double>(*busy);
    gpu.temperature_celsius = device.hwmon_scaled("temp1_input", 1000.0);
    gpu.power_watts = device.hwmon_scaled("power1_average", 1e6);
    if (!gpu.power_watts) gpu.power_watts = device.hwmon_scaled("power1_input", 1e6);
    if (const auto product = device.text("product_name"); product && !gpu.name) gpu.name = *product;
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
