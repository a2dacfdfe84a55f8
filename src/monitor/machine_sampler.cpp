#include "monitor/machine_sampler.hpp"

#include "monitor/system_sampler.hpp"
#include "monitor/windows/windows_sampler.hpp"

namespace autocut::monitor {

std::unique_ptr<SampleSource> machine_sampler(const std::optional<std::filesystem::path>& root,
                                              const core::RuntimeProfile& profile,
                                              const detect::DetectOptions& options) {
  if (root && std::filesystem::is_regular_file(*root)) return recorded_windows_sampler(root->string(), profile);
  return std::make_unique<SystemSampler>(root ? sys::HostRoot(*root) : sys::HostRoot(), profile, options);
}

}  // namespace autocut::monitor
