#include "detect/cgroup_memory.hpp"

#include <algorithm>

#include "sys/parse/cgroup.hpp"
#include "sys/parse/key_value.hpp"
#include "sys/parse/mountinfo.hpp"
#include "sys/parse/numbers.hpp"

namespace autocut::detect {
namespace {

using sys::HostRoot;

struct MemoryFiles {
  const char* limit;
  const char* usage;
  const char* inactive_file;  // key in memory.stat
};

constexpr MemoryFiles kV1{"memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"};
constexpr MemoryFiles kV2{"memory.max", "memory.current", "inactive_file"};

const MemoryFiles& files_for(const CgroupLocation& location) { return location.version == 1 ? kV1 : kV2; }

// A parent's limit binds as well as the leaf's, so the tightest along the way counts.
std::optional<std::uint64_t> memory_limit(const HostRoot& root, const CgroupLocation& location) {
  std::optional<std::uint64_t> tightest;
  for (const auto& directory : directories_to_mount(location)) {
    const auto file = root.read(directory + "/" + files_for(location).limit);
    if (!file.ok()) continue;
    const auto limit = sys::parse::parse_byte_limit(*file.text);
    if (limit && limit->bytes) tightest = std::min(tightest.value_or(*limit->bytes), *limit->bytes);
  }
  return tightest;
}

// Usage minus inactive page cache, as docker, cadvisor and the kubelet count a container's memory.
std::optional<std::uint64_t> working_set(const HostRoot& root, const CgroupLocation& location) {
  const auto& names = files_for(location);
  const auto usage_file = root.read(location.directory + "/" + names.usage);
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

}  // namespace

std::optional<CgroupLocation> locate_memory_cgroup(const HostRoot& root) {
  const auto membership = root.read(HostRoot::proc("self/cgroup"));
  const auto mountinfo = root.read(HostRoot::proc("self/mountinfo"));
  if (!membership.ok() || !mountinfo.ok()) return std::nullopt;
  const auto location = locate_cgroup(sys::parse::parse_proc_self_cgroup(*membership.text),
                                      sys::parse::parse_mountinfo(*mountinfo.text), "memory");
  if (!location) return std::nullopt;
  return existing_group(root, *location);
}

CgroupLocation existing_group(const HostRoot& root, CgroupLocation location) {
  if (!root.exists(location.directory)) location.directory = location.mount_point;
  return location;
}

CgroupMemory read_cgroup_memory(const HostRoot& root, const CgroupLocation& location) {
  return {memory_limit(root, location), working_set(root, location)};
}

}  // namespace autocut::detect
