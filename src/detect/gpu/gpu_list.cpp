#include "detect/gpu/gpu_list.hpp"

#include <algorithm>

namespace autocut::detect {

core::GpuFacts& gpu_at(std::vector<core::GpuFacts>& gpus, const std::string& pci_address) {
  const auto found =
      std::find_if(gpus.begin(), gpus.end(), [&](const auto& gpu) { return gpu.pci_address == pci_address; });
  if (found != gpus.end()) return *found;
  core::GpuFacts gpu;
  gpu.pci_address = pci_address;
  const auto position =
      std::upper_bound(gpus.begin(), gpus.end(), pci_address,
                       [](const std::string& address, const auto& other) { return address < other.pci_address; });
  return *gpus.insert(position, std::move(gpu));
}

void add_source(core::GpuFacts& gpu, std::string_view source) {
  if (std::find(gpu.sources.begin(), gpu.sources.end(), source) == gpu.sources.end()) gpu.sources.emplace_back(source);
}

}  // namespace autocut::detect
