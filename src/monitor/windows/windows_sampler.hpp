// Samples a Windows machine (live, or a recording replayed) through the WindowsHost: the CPU's busy share from the
// difference between two GetSystemTimes readings, available memory from GlobalMemoryStatusEx (within the job
// object's memory limit), and each NVIDIA GPU's memory and load from NVML, matched to the profile's GPUs by PCI
// location. Windows has no pressure stall figures: they stay absent, and the rules that read them hold. Other GPUs
// have no figure yet: DXGI tells only this process's own use of a card (QueryVideoMemoryInfo), not the machine's.
// Not thread-safe: one sampling thread owns it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/runtime_profile.hpp"
#include "monitor/sample_source.hpp"
#include "sys/windows/windows_host.hpp"

namespace autocut::monitor {

class WindowsSampler final : public SampleSource {
 public:
  WindowsSampler(std::unique_ptr<sys::windows::WindowsHost> host, const core::RuntimeProfile& profile);
  Sample sample(Clock::time_point now, std::chrono::system_clock::time_point wall) override;

 private:
  std::unique_ptr<sys::windows::WindowsHost> host_;
  struct Gpu {
    std::string pci_address;
    bool nvidia = false;
  };
  std::vector<Gpu> gpus_;  // the profile's, in its order
  std::optional<sys::windows::SystemTimes> last_times_;
  std::optional<std::uint64_t> memory_limit_;  // the job object's, when the profile found one
};

}  // namespace autocut::monitor
