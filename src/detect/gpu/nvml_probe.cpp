// NVIDIA GPUs through NVML: names, memory, compute capability and live figures, merged into the PCI list by
// address. A GPU that NVML sees but PCI enumeration missed (containers often hide sysfs) is added.
#include <algorithm>

#include "detect/gpu/nvml_enumeration.hpp"
#include "detect/gpu/nvml_library.hpp"
#include "detect/probe.hpp"
#include "detect/slow_probes.hpp"

namespace autocut::detect {
namespace {

bool nvidia_expected(const ProbeContext& context, const core::HostFacts& facts) {
  const bool on_bus = std::any_of(facts.gpus.begin(), facts.gpus.end(),
                                  [](const auto& gpu) { return gpu.vendor == core::GpuVendor::nvidia; });
  // WSL shows neither: its GPU is reached through /dev/dxg and the Windows driver's NVML.
  const bool wsl = facts.os && facts.os->wsl;
  return on_bus || wsl || context.root.exists(sys::HostRoot::proc("driver/nvidia/version"));
}

}  // namespace

ProbeOutcome probe_nvml(const ProbeContext& context, core::HostFacts& facts) {
  if (!context.root.is_live() && !context.options.nvml_library)
    return absent(
        "not probed: NVML describes this machine, not the captured one under --root "
        "(set AUTOCUT_NVML_LIBRARY to load a recorded library)");
  if (!context.options.nvml_library && !nvidia_expected(context, facts))
    return absent("no NVIDIA GPU on the PCI bus and no NVIDIA driver loaded");

  const bool wsl = facts.os && facts.os->wsl;
  // Started with detection when the driver was plainly there (detect/slow_probes.cpp); otherwise asked now.
  const bool started = context.slow && context.slow->nvml.valid();
  const auto enumeration = started ? context.slow->nvml.get()
                                   : enumerate_nvml_within(context.options.nvml_helper, context.options.nvml_deadline,
                                                           nvml::library_candidates(context.options.nvml_library, wsl));
  merge_nvml_cards(enumeration, facts);
  return {enumeration.state, enumeration.detail};
}

}  // namespace autocut::detect
