// Helpers for the GPU probes, which all enrich one list keyed by PCI address.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/host_facts.hpp"

namespace autocut::detect {

// The GPU at `pci_address`, added at the end (keeping the list in PCI order) when no probe has seen it yet.
core::GpuFacts& gpu_at(std::vector<core::GpuFacts>& gpus, const std::string& pci_address);

void add_source(core::GpuFacts& gpu, std::string_view source);

}  // namespace autocut::detect
