// Samples a Windows machine (live, or a recording replayed) through the WindowsHost: the CPU's busy share from the
// difference between two GetSystemTimes readings, available memory from GlobalMemoryStatusEx (within the job
// object's memory limit), each NVIDIA GPU's memory and load from NVML, matched to the profile's GPUs by PCI
// location, and the other GPUs' memory from DXGI's budget as detection reads it (no load figure: DXGI has none).
// Windows has no pressure stall figures: they stay absent, and the rules that read them hold. Not thread-safe: one
// sampling thread owns it.
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

// A Windows machine recorded by `autocut capture`, sampled from its recording; one that cannot be read (detection
// has already said why) gives samples without figures.
std::unique_ptr<SampleSource> recorded_windows_sampler(const std::string& path, const core::RuntimeProfile& profile);

}  // namespace autocut::monitor
