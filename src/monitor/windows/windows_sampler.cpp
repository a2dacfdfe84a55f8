#include "monitor/windows/windows_sampler.hpp"

#include <algorithm>
#include <limits>

#include "detect/windows/detect_windows.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::monitor {
namespace {

std::optional<double> busy_percent(const sys::windows::SystemTimes& before, const sys::windows::SystemTimes& after) {
  if (after.kernel < before.kernel || after.user < before.user || after.idle < before.idle) return std::nullopt;
  const auto total = (after.kernel - before.kernel) + (after.user - before.user);  // kernel time counts idle time
  const auto idle = after.idle - before.idle;
  if (total == 0 || idle > total) return std::nullopt;
  return 100.0 * static_cast<double>(total - idle) / static_cast<double>(total);
}

// As detection reads the adapter at that address: the share of its dedicated memory not left to this process.
std::optional<double> dxgi_memory_used_percent(const std::optional<std::vector<sys::windows::DxgiAdapter>>& adapters,
                                               const std::string& address) {
  if (!adapters) return std::nullopt;
  for (std::size_t i = 0; i < adapters->size(); ++i) {
    const auto& adapter = (*adapters)[i];
    if (detect::windows::dxgi_address(adapter, i) != address) continue;
    const auto used = detect::windows::dxgi_memory_used(adapter);
    if (!used || adapter.dedicated_video_memory == 0) return std::nullopt;
    return 100.0 * static_cast<double>(*used) / static_cast<double>(adapter.dedicated_video_memory);
  }
  return std::nullopt;
}

}  // namespace

WindowsSampler::WindowsSampler(std::unique_ptr<sys::windows::WindowsHost> host, const core::RuntimeProfile& profile)
    : host_(std::move(host)) {
  for (const auto& gpu : profile.facts.gpus) gpus_.push_back({gpu.pci_address, gpu.vendor == core::GpuVendor::nvidia});
  if (profile.facts.cgroup && profile.facts.cgroup->job_object)
    memory_limit_ = profile.facts.cgroup->memory_limit_bytes;
}

Sample WindowsSampler::sample(Clock::time_point now, std::chrono::system_clock::time_point wall) {
  Sample sample;
  sample.time = now;
  sample.wall_time = wall;
  if (const auto times = host_->system_times()) {
    if (last_times_) sample.cpu_percent = busy_percent(*last_times_, *times);
    last_times_ = times;
  }
  // Within a job object's memory limit, no more than the limit is available, as the profile counts it.
  if (const auto memory = host_->memory_status(); memory && memory->total_physical > 0)
    sample.memory_available_bytes =
        std::min(memory->available_physical, memory_limit_.value_or(std::numeric_limits<std::uint64_t>::max()));

  if (gpus_.empty()) return sample;
  const auto nvml = host_->nvml();
  std::optional<std::optional<std::vector<sys::windows::DxgiAdapter>>> adapters;  // asked once, when needed
  for (const auto& tracked : gpus_) {
    const auto& address = tracked.pci_address;
    GpuLoad load{address, std::nullopt, std::nullopt, false};
    const auto device = std::find_if(nvml.devices.begin(), nvml.devices.end(),
                                     [&address](const auto& listed) { return listed.pci_address == address; });
    if (device != nvml.devices.end()) {
      if (device->memory_total && device->memory_used && *device->memory_total > 0)
        load.memory_used_percent =
            100.0 * static_cast<double>(*device->memory_used) / static_cast<double>(*device->memory_total);
      load.utilization_percent = device->utilization_percent;
    } else if (tracked.nvidia && nvml.loaded) {
      load.lost = true;  // NVML answers but no longer lists the card: it has fallen off the bus or been removed
    } else {
      if (!adapters) adapters = host_->dxgi_adapters();
      load.memory_used_percent = dxgi_memory_used_percent(*adapters, address);
    }
    sample.gpus.push_back(std::move(load));
  }
  return sample;
}

std::unique_ptr<SampleSource> recorded_windows_sampler(const std::string& path, const core::RuntimeProfile& profile) {
  auto loaded = sys::windows::read_recording(path);
  auto host = std::make_unique<sys::windows::ReplayHost>(loaded.recording.value_or(sys::windows::Recording{}));
  return std::make_unique<WindowsSampler>(std::move(host), profile);
}

}  // namespace autocut::monitor
