// /proc/self/mountinfo (proc(5)): where each file system is mounted and which part of it is visible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys::parse {

struct MountEntry {
  std::string root;         // field 4: the directory of the file system that is mounted here
  std::string mount_point;  // field 5
  std::string fstype;       // after the "-" separator
  std::string source;
  std::string super_options;
};

// Malformed lines are skipped; paths have their octal escapes (\040 for a space) decoded.
std::vector<MountEntry> parse_mountinfo(std::string_view text);

}  // namespace autocut::sys::parse
