#include "detect/cgroup_location.hpp"

#include <algorithm>

namespace autocut::detect {
namespace {

bool has_option(std::string_view options, std::string_view wanted) {
  while (!options.empty()) {
    const auto comma = options.find(',');
    if (options.substr(0, comma) == wanted) return true;
    options = comma == std::string_view::npos ? std::string_view{} : options.substr(comma + 1);
  }
  return false;
}

std::string join(std::string_view mount_point, std::string_view relative) {
  std::string path(mount_point);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (relative.empty() || relative == "/") return path;
  if (!relative.starts_with('/')) path += '/';
  return path + std::string(relative);
}

CgroupLocation place(int version, const std::string& group_path, const sys::parse::MountEntry& mount) {
  std::string_view relative = group_path;
  const std::string_view root = mount.root;
  if (root != "/") {
    const bool inside = relative.starts_with(root) && (relative.size() == root.size() || relative[root.size()] == '/');
    relative = inside ? relative.substr(root.size()) : std::string_view{};
  }
  return {version, group_path, mount.mount_point, join(mount.mount_point, relative)};
}

}  // namespace

std::optional<CgroupLocation> locate_cgroup(const std::vector<sys::parse::CgroupMembership>& memberships,
                                            const std::vector<sys::parse::MountEntry>& mounts,
                                            std::string_view controller) {
  for (const auto& group : memberships) {
    if (group.hierarchy_id == 0) continue;
    if (std::find(group.controllers.begin(), group.controllers.end(), controller) == group.controllers.end()) continue;
    for (const auto& mount : mounts)
      if (mount.fstype == "cgroup" && has_option(mount.super_options, controller)) return place(1, group.path, mount);
  }
  const auto unified =
      std::find_if(memberships.begin(), memberships.end(), [](const auto& group) { return group.hierarchy_id == 0; });
  if (unified == memberships.end()) return std::nullopt;
  // Prefer the canonical mount; hybrid systems also mount cgroup2 at .../unified with no controllers in it.
  const sys::parse::MountEntry* chosen = nullptr;
  for (const auto& mount : mounts) {
    if (mount.fstype != "cgroup2") continue;
    if (!chosen || mount.mount_point.size() < chosen->mount_point.size()) chosen = &mount;
  }
  if (!chosen) return std::nullopt;
  return place(2, unified->path, *chosen);
}

std::vector<std::string> directories_to_mount(const CgroupLocation& location) {
  std::vector<std::string> directories{location.directory};
  std::string current = location.directory;
  while (current.size() > location.mount_point.size() && directories.size() < 64) {
    current.erase(current.rfind('/'));
    if (current.size() < location.mount_point.size()) break;
    directories.push_back(current);
  }
  return directories;
}

}  // namespace autocut::detect
