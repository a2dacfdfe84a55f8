#include "monitor/machine_sampler.hpp"

#include "monitor/windows/windows_sampler.hpp"
#include "sys/windows/live_host.hpp"

namespace autocut::monitor {
namespace {

// A captured Linux machine is detected as "read it on Linux" (detect_machine): there is nothing to sample here.
class NothingToSample final : public SampleSource {
 public:
  Sample sample(Clock::time_point now, std::chrono::system_clock::time_point wall) override {
    Sample sample;
    sample.time = now;
    sample.wall_time = wall;
    return sample;
  }
};

}  // namespace

std::unique_ptr<SampleSource> machine_sampler(const std::optional<std::filesystem::path>& root,
                                              const core::RuntimeProfile& profile,
                                              const detect::DetectOptions& options) {
  if (root && std::filesystem::is_regular_file(*root)) return recorded_windows_sampler(root->string(), profile);
  if (root) return std::make_unique<NothingToSample>();
  return std::make_unique<WindowsSampler>(std::make_unique<sys::windows::LiveHost>(options.nvml_library), profile);
}

}  // namespace autocut::monitor
