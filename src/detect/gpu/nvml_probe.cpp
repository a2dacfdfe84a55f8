// NVIDIA GPUs through NVML: names, memory, compute capability and live figures, merged into the PCI list by
// address. A GPU that NVML sees but PCI enumeration missed (containers often hide sysfs) is added.
#include <algorithm>

#include "detect/gpu/gpu_list.hpp"
#include "detect/gpu/nvml_library.hpp"
#include "detect/probe.hpp"

namespace autocut::detect {
namespace {

bool nvidia_expected(const ProbeContext& context, const core::HostFacts& facts) {
  const bool on_bus = std::any_of(facts.gpus.begin(), facts.gpus.end(),
                                  [](const auto& gpu) { return gpu.vendor == core::GpuVendor::nvidia; });
  // WSL shows neither: its GPU is reached through /dev/dxg and the Windows driver's NVML.
  const bool wsl = facts.os && facts.os->wsl;
  return on_bus || wsl || context.root.exists(sys::HostRoot::proc("driver/nvidia/version"));
}

// Reads one device; returns an empty string, or why the device could not be described.
std::string describe_device(const nvml::Library& library, nvml::Device device, core::GpuFacts& gpu,
                            const std::optional<std::string>& driver_version) {
  std::string name;
  if (library.name(device, name) == nvml::kSuccess) gpu.name = name;
  std::string uuid;
  if (library.uuid(device, uuid) == nvml::kSuccess) gpu.uuid = uuid;
  gpu.driver_version = driver_version;
  gpu.vendor = core::GpuVendor::nvidia;
  gpu.vendor_id = 0x10de;
  if (!gpu.kernel_driver) gpu.kernel_driver = "nvidia";

  const auto memory = library.memory(device);
  if (memory.code == nvml::kSuccess && memory.total_bytes.value_or(0) > 0) {
    gpu.memory_total_bytes = memory.total_bytes;
    gpu.memory_free_bytes = memory.free_bytes;
    gpu.memory_used_bytes = memory.used_bytes;
  } else if (memory.code == nvml::kSuccess || memory.code == nvml::kNotSupported) {
    // On SoCs (Jetson, GB10) the GPU has no framebuffer of its own and shares system memory.
    gpu.integrated = true;
  } else {
    return "memory: " + nvml::describe_error(memory.code);
  }

  int major = 0, minor = 0;
  if (library.compute_capability(device, major, minor) == nvml::kSuccess)
    gpu.compute_capability = std::to_string(major) + "." + std::to_string(minor);
  nvml::Utilization rates{};
  if (library.utilization(device, rates) == nvml::kSuccess) gpu.utilization_percent = rates.gpu;
  unsigned celsius = 0;
  if (library.temperature(device, celsius) == nvml::kSuccess) gpu.temperature_celsius = celsius;
  unsigned milliwatts = 0;
  if (library.power_usage(device, milliwatts) == nvml::kSuccess) gpu.power_watts = milliwatts / 1000.0;
  return {};
}

}  // namespace

ProbeOutcome probe_nvml(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live() && !context.options.nvml_library)
    return absent(
        "not probed: NVML describes this machine, not the captured one under --root "
        "(set AUTOCUT_NVML_LIBRARY to load a recorded library)");
  if (!context.options.nvml_library && !nvidia_expected(context, facts))
    return absent("no NVIDIA GPU on the PCI bus and no NVIDIA driver loaded");

  std::string load_error;
  const bool wsl = facts.os && facts.os->wsl;
  const auto library = nvml::Library::open(nvml::library_candidates(context.options.nvml_library, wsl), load_error);
  if (!library) return failed("NVML unavailable: " + load_error);

  unsigned count = 0;
  if (const auto code = library->device_count(count); code != nvml::kSuccess)
    return failed("cannot count GPUs: " + nvml::describe_error(code));

  const auto driver_version = library->driver_version();
  std::string problems;
  int described = 0;
  for (unsigned index = 0; index < count; ++index) {
    const auto note = [&](const std::string& what) {
      problems += (problems.empty() ? "" : "; ") + std::string("GPU ") + std::to_string(index) + ": " + what;
    };
    nvml::Device device = nullptr;
    if (const auto code = library->device_by_index(index, device); code != nvml::kSuccess) {
      note(nvml::describe_error(code));
      continue;
    }
    nvml::PciInfo pci{};
    if (const auto code = library->pci_info(device, pci); code != nvml::kSuccess) {
      note("no PCI address: " + nvml::describe_error(code));
      continue;
    }
    auto& gpu = gpu_at(facts.gpus, nvml::sysfs_pci_address(pci));
    add_source(gpu, "nvml");
    if (!gpu.device_id && (pci.pci_device_id >> 16) != 0)
      gpu.device_id = static_cast<std::uint16_t>(pci.pci_device_id >> 16);
    if (const auto problem = describe_device(*library, device, gpu, driver_version); !problem.empty()) {
      note(problem);
      continue;
    }
    ++described;
  }
  if (!problems.empty()) return failed(problems);
  return ok(std::to_string(described) + " NVIDIA GPU" + (described == 1 ? "" : "s") + " through " + library->path() +
            (driver_version ? ", driver " + *driver_version : ""));
}

}  // namespace autocut::detect
