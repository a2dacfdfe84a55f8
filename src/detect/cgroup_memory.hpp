// A control group's memory figures: the tightest limit on the way to the mount, and the working set. Shared by the
// cgroup probe and the monitor, which locates the group once and then reads only these few files each sample.
#pragma once

#include <cstdint>
#include <optional>

#include "detect/cgroup_location.hpp"
#include "sys/host_root.hpp"

namespace autocut::detect {

struct CgroupMemory {
  std::optional<std::uint64_t> limit_bytes;        // none: unlimited
  std::optional<std::uint64_t> working_set_bytes;  // usage − inactive page cache
};

// The memory group of this process, or nothing when no cgroup file system governs its memory.
std::optional<CgroupLocation> locate_memory_cgroup(const sys::HostRoot& root);

// A container runtime without a cgroup namespace may show a path that does not exist under the mount; then the
// mount itself is the group (the container's view).
CgroupLocation existing_group(const sys::HostRoot& root, CgroupLocation location);

CgroupMemory read_cgroup_memory(const sys::HostRoot& root, const CgroupLocation& location);

}  // namespace autocut::detect
