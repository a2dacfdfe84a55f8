// Samples the live machine (or a captured one) through the host root: CPU busy share from /proc/stat deltas,
// available memory as the profile counts it (cgroup-aware), PSI memory pressure, and each GPU through the GPU
// sampler set up once from the profile. What does not change while a process lives (where its control group is,
// which GPUs there are) is found once, so a sample reads only a handful of small files. Not thread-safe: one
// sampling thread owns it.
#pragma once

#include <memory>
#include <optional>

#include "core/runtime_profile.hpp"
#include "detect/cgroup_memory.hpp"
#include "detect/gpu/gpu_sampler.hpp"
#include "detect/probe.hpp"
#include "monitor/sample_source.hpp"
#include "sys/host_root.hpp"
#include "sys/parse/proc_stat.hpp"

namespace autocut::monitor {

class SystemSampler final : public SampleSource {
 public:
  SystemSampler(sys::HostRoot root, const core::RuntimeProfile& profile, const detect::DetectOptions& options);
  Sample sample(Clock::time_point now, std::chrono::system_clock::time_point wall) override;

 private:
  sys::HostRoot root_;
  std::optional<detect::CgroupLocation> memory_group_;
  detect::GpuSampler gpus_;
  std::optional<sys::parse::CpuTimes> last_cpu_;
};

}  // namespace autocut::monitor
