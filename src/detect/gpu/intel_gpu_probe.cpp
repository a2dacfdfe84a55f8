// Intel GPUs (i915 or xe): integrated or discrete, temperature and power where hwmon has them.
#include "detect/gpu/gpu_list.hpp"
#include "detect/gpu/gpu_sysfs.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {

// Intel places its integrated GPU at this address on every platform since Sandy Bridge (nvtop does the same).
constexpr std::string_view kIntelIntegratedAddress = "0000:00:02.0";

ProbeOutcome probe_intel_gpu(const ProbeContext& context, core::HostFacts& facts) {
  int seen = 0;
  for (auto& gpu : facts.gpus) {
    if (gpu.vendor != core::GpuVendor::intel) continue;
    ++seen;
    gpu.integrated = gpu.pci_address == kIntelIntegratedAddress;
    const GpuSysfs device(context.root, gpu.pci_address);
    // i915 reports the GPU temperature on temp1, xe on temp2.
    gpu.temperature_celsius = device.hwmon_scaled("temp1_input", 1000.0);
    if (!gpu.temperature_celsius) gpu.temperature_celsius = device.hwmon_scaled("temp2_input", 1000.0);
    add_source(gpu, "intel");
  }
  if (seen == 0) return absent("no Intel GPU");
  return ok(std::to_string(seen) + " Intel GPU" + (seen == 1 ? "" : "s") +
            "; dedicated memory of discrete Intel GPUs is not read (it needs a DRM query)");
}

}  // namespace autocut::detect
