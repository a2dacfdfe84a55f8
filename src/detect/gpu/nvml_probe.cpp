// NVIDIA GPUs through NVML: names, memory, compute capability and live figures, merged into the PCI list by
// address. A GPU that NVML sees but PCI enumeration missed (containers often hide sysfs) is added.
#include <algorithm>

#include "detect/gpu/nvml_enumeration.hpp"
#include "detect/gpu/nvml_library.hpp"
#include "detect/probe.hpp"
#include "sys/child_process.hpp"
#include "sys/environment.hpp"

namespace autocut::detect {
namespace {

bool nvidia_expected(const ProbeContext& context, const core::HostFacts& facts) {
  const bool on_bus = std::any_of(facts.gpus.begin(), facts.gpus.end(),
                                  [](const auto& gpu) { return gpu.vendor == core::GpuVendor::nvidia; });
  // WSL shows neither: its GPU is reached through /dev/dxg and the Windows driver's NVML.
  const bool wsl = facts.os && facts.os->wsl;
  return on_bus || wsl || context.root.exists(sys::HostRoot::proc("driver/nvidia/version"));
}

// The helper's environment is this process's (the driver reads some of it), without anything secret.
std::vector<std::string> helper_environment() {
  std::vector<std::string> environment;
  for (const auto& [name, value] : sys::process_environment())
    if (!name.ends_with("_KEY") && !name.ends_with("_TOKEN") && !name.ends_with("_SECRET"))
      environment.push_back(name + "=" + value);
  return environment;
}

// The first enumeration runs in the helper when there is one, with a deadline: a wedged driver (a GPU fallen off
// the bus, a hung kernel module) then holds the helper, not detection. Without it, in this process.
NvmlEnumeration enumerate(const DetectOptions& options, const std::vector<std::string>& candidates) {
  if (!options.nvml_helper) return enumerate_nvml(candidates);
  std::vector<std::string> argv{*options.nvml_helper};
  argv.insert(argv.end(), candidates.begin(), candidates.end());
  std::string error;
  auto helper = sys::ChildProcess::start(argv, helper_environment(), error);
  if (!helper) return enumerate_nvml(candidates);  // a helper that cannot start changes nothing about the driver
  const auto reply = helper->read_line(options.nvml_deadline);
  if (reply.status == sys::ReadStatus::timed_out) {
    helper->abandon();
    return {core::ProbeState::failed,
            "NVML did not answer within " + std::to_string(options.nvml_deadline.count()) +
                " ms: the NVIDIA driver may be hung (nvidia-smi would hang too): its GPUs are known from PCI only",
            {}};
  }
  helper->wait(std::chrono::seconds(1));
  if (auto enumeration = enumeration_from_json(reply.line)) return std::move(*enumeration);
  return {core::ProbeState::failed,
          "the NVML helper " + *options.nvml_helper + " ended without an answer (" + helper->ended_how() + ")",
          {}};
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
  const auto enumeration = enumerate(context.options, nvml::library_candidates(context.options.nvml_library, wsl));
  merge_nvml_cards(enumeration, facts);
  return {enumeration.state, enumeration.detail};
}

}  // namespace autocut::detect
