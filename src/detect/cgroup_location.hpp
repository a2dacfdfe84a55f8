// Where this process's control group lives in the mounted cgroup file systems (v1 or v2). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sys/parse/cgroup.hpp"
#include "sys/parse/mountinfo.hpp"

namespace autocut::detect {

struct CgroupLocation {
  int version = 2;
  std::string group_path;   // as /proc/self/cgroup names it
  std::string mount_point;  // host path of the hierarchy's mount
  std::string directory;    // host path of the group's directory
};

// The group that governs `controller` ("memory", "cpu", "cpuset"): a v1 hierarchy carrying that controller wins,
// as in the Go runtime; otherwise the unified v2 hierarchy. When the mount shows only part of the tree (a v1
// container without a cgroup namespace), the path is made relative to the mount's root, or the mount itself is
// the group when the path lies outside it.
std::optional<CgroupLocation> locate_cgroup(const std::vector<sys::parse::CgroupMembership>& memberships,
                                            const std::vector<sys::parse::MountEntry>& mounts,
                                            std::string_view controller);

// The directory and each ancestor up to the mount point, leaf first.
std::vector<std::string> directories_to_mount(const CgroupLocation& location);

}  // namespace autocut::detect
