#include "monitor/system_sampler.hpp"

#include "profile/build_profile.hpp"
#include "sys/parse/meminfo.hpp"
#include "sys/parse/psi.hpp"

namespace autocut::monitor {

SystemSampler::SystemSampler(sys::HostRoot root, const core::RuntimeProfile& profile,
                             const detect::DetectOptions& options)
    : root_(root),
      memory_group_(detect::locate_memory_cgroup(root)),
      gpus_(root, profile.facts.gpus, options, profile.facts.os && profile.facts.os->wsl) {}

Sample SystemSampler::sample(Clock::time_point now, std::chrono::system_clock::time_point wall) {
  Sample sample;
  sample.time = now;
  sample.wall_time = wall;

  if (const auto stat = root_.read(sys::HostRoot::proc("stat")); stat.ok()) {
    const auto times = sys::parse::parse_proc_stat_cpu(*stat.text);
    if (times && last_cpu_) sample.cpu_percent = sys::parse::cpu_percent(*last_cpu_, *times);
    last_cpu_ = times;
  }

  // Available memory as the profile counts it: the lower of the host's and the container's room, through the same
  // formula, so the monitor and the profile can never disagree about what "available" means.
  if (const auto meminfo = root_.read(sys::HostRoot::proc("meminfo")); meminfo.ok()) {
    const auto info = sys::parse::parse_meminfo(*meminfo.text);
    if (info.total_bytes && info.available_bytes) {
      core::HostFacts scratch;
      scratch.memory = core::MemoryFacts{};
      scratch.memory->total_bytes = *info.total_bytes;
      scratch.memory->available_bytes = info.available_bytes;
      if (memory_group_) {
        const auto group = detect::read_cgroup_memory(root_, *memory_group_);
        scratch.cgroup = core::CgroupFacts{};
        scratch.cgroup->memory_limit_bytes = group.limit_bytes;
        scratch.cgroup->memory_working_set_bytes = group.working_set_bytes;
      }
      sample.memory_available_bytes = profile::effective_resources(scratch).memory_available_bytes;
    }
  }

  if (const auto psi = root_.read(sys::HostRoot::proc("pressure/memory")); psi.ok())
    if (const auto memory = sys::parse::parse_psi(*psi.text); memory && memory->full)
      sample.memory_pressure_full_avg10 = memory->full->avg10;
  if (const auto psi = root_.read(sys::HostRoot::proc("pressure/cpu")); psi.ok())
    if (const auto cpu = sys::parse::parse_psi(*psi.text)) sample.cpu_pressure_some_avg10 = cpu->some.avg10;
  if (const auto psi = root_.read(sys::HostRoot::proc("pressure/io")); psi.ok())
    if (const auto io = sys::parse::parse_psi(*psi.text)) sample.io_pressure_some_avg10 = io->some.avg10;

  for (const auto& gpu : gpus_.sample()) {
    GpuLoad load{gpu.pci_address, std::nullopt, gpu.utilization_percent, gpu.lost};
    if (gpu.memory_total_bytes && gpu.memory_used_bytes && *gpu.memory_total_bytes > 0)
      load.memory_used_percent =
          100.0 * static_cast<double>(*gpu.memory_used_bytes) / static_cast<double>(*gpu.memory_total_bytes);
    sample.gpus.push_back(std::move(load));
  }
  return sample;
}

}  // namespace autocut::monitor
