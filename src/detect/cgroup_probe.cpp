// Container limits: the memory limit and working set, CPU quota and cpuset of this process's control group.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/cpu_list.hpp"
#include "detect/cgroup_location.hpp"
#include "detect/probe.hpp"
#include "sys/parse/cgroup.hpp"
#include "sys/parse/cpulist.hpp"
#include "sys/parse/key_value.hpp"
#include "sys/parse/mountinfo.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

struct Files {
  const char* memory_limit;
  const char* memory_usage;
  const char* inactive_file;  // key in memory.stat
  const char* cpuset;
};

constexpr Files kV1{"memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file", "cpuset.effective_cpus"};
constexpr Files kV2{"memory.max", "memory.current", "inactive_file", "cpuset.cpus.effective"};

const Files& files_for(const CgroupLocation& location) { return location.version == 1 ? kV1 : kV2; }

// A container runtime without a cgroup namespace may show a path that does not exist under the mount;
// then the mount itself is the group (the container's view).
CgroupLocation existing(const HostRoot& root, CgroupLocation location) {
  if (!root.exists(location.directory)) location.directory = location.mount_point;
  return location;
}

// A parent's limit binds as well as the leaf's, so the tightest along the way counts.
std::optional<std::uint64_t> memory_limit(const HostRoot& root, const CgroupLocation& location) {
  std::optional<std::uint64_t> tightest;
  for (const auto& directory : directories_to_mount(location)) {
    const auto file = root.read(directory + "/" + files_for(location).memory_limit);
    if (!file.ok()) continue;
    const auto limit = sys::parse::parse_byte_limit(*file.text);
    if (limit && limit->bytes) tightest = std::min(tightest.value_or(*limit->bytes), *limit->bytes);
  }
  return tightest;
}

// Usage minus inactive page cache, as docker, cadvisor and the kubelet count a container's memory.
std::optional<std::uint64_t> working_set(const HostRoot& root, const CgroupLocation& location) {
  const auto& names = files_for(location);
  const auto usage_file = root.read(location.directory + "/" + names.memory_usage);
  if (!usage_file.ok()) return std::nullopt;
  const auto usage = sys::parse::parse_u64(*usage_file.text);
  if (!usage) return std::nullopt;
  std::uint64_t inactive = 0;
  if (const auto stat = root.read(location.directory + "/memory.stat"); stat.ok()) {
    const auto value = sys::parse::find_value(sys::parse::parse_key_values(*stat.text, ' '), names.inactive_file);
    if (value) inactive = sys::parse::parse_u64(*value).value_or(0);
  }
  return *usage > inactive ? *usage - inactive : 0;
}

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
  const auto file = root.read(location.directory + "/" + files_for(location).cpuset);
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
    const auto location = existing(root, *memory);
    group.memory_limit_bytes = memory_limit(root, location);
    group.memory_working_set_bytes = working_set(root, location);
  }
  if (cpu) group.cpu_quota = cpu_quota(root, existing(root, *cpu));
  if (set) group.cpuset = cpuset(root, existing(root, *set));

  auto detail = describe(group);
  facts.cgroup = std::move(group);
  return ok(std::move(detail));
}

}  // namespace autocut::detect
