#include "monitor/machine_sampler.hpp"

#include "monitor/system_sampler.hpp"
#include "monitor/windows/windows_sampler.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::monitor {

std::unique_ptr<SampleSource> machine_sampler(const std::optional<std::filesystem::path>& root,
                                              const core::RuntimeProfile& profile,
                                              const detect::DetectOptions& options) {
  if (root && std::filesystem::is_regular_file(*root)) {
    // A recording that cannot be read was already reported by detection; its samples then hold no figure.
    auto loaded = sys::windows::read_recording(root->string());
    auto host = std::make_unique<sys::windows::ReplayHost>(loaded.recording.value_or(sys::windows::Recording{}));
    return std::make_unique<WindowsSampler>(std::move(host), profile);
  }
  return std::make_unique<SystemSampler>(root ? sys::HostRoot(*root) : sys::HostRoot(), profile, options);
}

}  // namespace autocut::monitor
