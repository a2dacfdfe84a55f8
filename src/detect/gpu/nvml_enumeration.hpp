// NVML's view of the machine's NVIDIA GPUs, taken once: in this process, or in a helper process
// (autocut-nvml-probe) whose answer travels as one JSON line, so a driver that hangs holds only the helper.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/host_facts.hpp"

namespace autocut::detect {

struct NvmlEnumeration {
  core::ProbeState state = core::ProbeState::ok;
  std::string detail;
  std::vector<core::GpuFacts> cards;  // what NVML said of each, keyed by PCI address
};

// Loads the first candidate that initialises and describes every device; never throws.
NvmlEnumeration enumerate_nvml(const std::vector<std::string>& candidates);

// The same through `helper` (autocut-nvml-probe) when given, giving up after `deadline`: a wedged driver (a GPU
// fallen off the bus, a hung kernel module) then holds the helper, which is killed, not detection. Without one, in
// this process.
NvmlEnumeration enumerate_nvml_within(const std::optional<std::string>& helper, std::chrono::milliseconds deadline,
                                      const std::vector<std::string>& candidates);

std::string enumeration_to_json(const NvmlEnumeration& enumeration);
// nullopt when the text is not an enumeration (a helper that broke off, or another program's output).
std::optional<NvmlEnumeration> enumeration_from_json(std::string_view text);

// Each card onto the GPU of the same PCI address (added when PCI enumeration missed it, as in many containers).
void merge_nvml_cards(const NvmlEnumeration& enumeration, core::HostFacts& facts);

}  // namespace autocut::detect
