// Container limits: the memory limit and working set, CPU quota and cpuset of this process's control group.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/cpu_list.hpp"
#include "detect/cgroup_location.hpp"
#include "detect/cgroup_memory.hpp"
#include "detect/probe.hpp"
#include "sys/parse/cgroup.hpp"
#include "sys/parse/cpulist.hpp"
#include "sys/parse/mountinfo.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

// The smallest quota/period ratio along the way to the mount.
std::optional<core::CpuQuota> cpu_quota(const HostRoot& root, const CgroupLocation& location) {
  std::optional<core::CpuQuota> tightest;
  for (const auto& directory : directories_to_mount(location)) {
    std::optional<sys::parse::CpuMax> max;
    if (location.version == 2) {
      if (const auto file = root.read(directory + "/cpu.max"); file.ok()) max = sys::parse::parse_cpu_max(*file.text);
    } else {
      const auto quota = root.read(directory + "/cpu.cfs_quota_us");
      const auto period = root.read(directory + "/cpu.cfs_period_us");
      if (quota.ok() && period.ok()) max = sys::parse::parse_cfs_quota(*quota.text, *period.text);
    }
    if (!max || !max->quota_us) continue;
    const core::CpuQuota candidate{*max->quota_us, max->period_us};
    const auto ratio = [](const core::CpuQuota& q) {
      return static_cast<double>(q.quota_us) / static_cast<double>(q.period_us);
    };
    if (!tightest || ratio(candidate) < ratio(*tightest)) tightest = candidate;
  }
  return tightest;
}

std::optional<std::vector<int>> cpuset(const HostRoot& root, const CgroupLocation& location) {
  const auto file =
      root.read(location.directory + "/" + (location.version == 1 ? "cpuset.effective_cpus" : "cpuset.cpus.effective"));
  if (!file.ok()) return std::nullopt;
  auto cpus = sys::parse::parse_cpulist(*file.text);
  if (cpus && cpus->empty()) return std::nullopt;  // an empty effective set means "inherit", not "none"
  return cpus;
}

std::string describe(const core::CgroupFacts& group) {
  std::string text = "cgroup v" + std::to_string(group.version) + " " + group.path + ": ";
  text += group.memory_limit_bytes ? "memory limit " + std::to_string(*group.memory_limit_bytes >> 20) + " MiB"
                                   : std::string("no memory limit");
  if (group.cpu_quota) {
    char cpus[32];
    std::snprintf(cpus, sizeof cpus, "%.2f",
                  static_cast<double>(group.cpu_quota->quota_us) / static_cast<double>(group.cpu_quota->period_us));
    text += ", CPU quota " + std::string(cpus) + " CPUs";
  } else {
    text += ", no CPU quota";
  }
  if (group.cpuset) text += ", cpuset " + core::format_cpulist(*group.cpuset);
  return text;
}

}  // namespace

ProbeOutcome probe_cgroup(const ProbeContext& context, core::HostFacts& facts) {
  const auto& root = context.root;
  const auto membership_file = root.read(HostRoot::proc("self/cgroup"));
  if (membership_file.missing()) return absent("this kernel has no control groups");
  if (!membership_file.ok()) return failed("cannot read " + membership_file.describe());
  const auto mountinfo_file = root.read(HostRoot::proc("self/mountinfo"));
  if (!mountinfo_file.ok()) return failed("cannot read " + mountinfo_file.describe());

  const auto memberships = sys::parse::parse_proc_self_cgroup(*membership_file.text);
  const auto mounts = sys::parse::parse_mountinfo(*mountinfo_file.text);
  if (memberships.empty()) return failed("no control group listed in " + membership_file.host_path);

  const auto memory = locate_cgroup(memberships, mounts, "memory");
  const auto cpu = locate_cgroup(memberships, mounts, "cpu");
  const auto set = locate_cgroup(memberships, mounts, "cpuset");
  if (!memory && !cpu) return absent("no cgroup file system is mounted");

  core::CgroupFacts group;
  const auto& primary = memory ? *memory : *cpu;
  group.version = primary.version;
  group.path = primary.group_path;
  if (memory) {
    const auto figures = read_cgroup_memory(root, existing_group(root, *memory));
    group.memory_limit_bytes = figures.limit_bytes;
    group.memory_working_set_bytes = figures.working_set_bytes;
  }
  if (cpu) group.cpu_quota = cpu_quota(root, existing_group(root, *cpu));
  if (set) group.cpuset = cpuset(root, existing_group(root, *set));

  auto detail = describe(group);
  facts.cgroup = std::move(group);
  return ok(std::move(detail));
}

}  // namespace autocut::detect
