// The only door to the host's files: every read of /proc, /sys and the rest goes through a HostRoot, so a whole
// detection can run against a captured machine (a fixture tree) by pointing the root at it. Thread-safe (immutable).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autocut::sys {

// The text of one file, or why it could not be read.
struct FileText {
  std::string host_path;
  std::optional<std::string> text;
  int error = 0;  // errno when text is empty

  bool ok() const { return text.has_value(); }
  bool missing() const;          // the file does not exist (as opposed to being unreadable)
  std::string describe() const;  // "/proc/meminfo: Permission denied"
};

class HostRoot {
 public:
  HostRoot();  // the live machine
  explicit HostRoot(std::filesystem::path root);

  // Host paths of the pseudo file systems, for callers to build on ("/proc/" + rel).
  static std::string proc(std::string_view relative);
  static std::string sys(std::string_view relative);

  FileText read(std::string_view host_path) const;
  bool exists(std::string_view host_path) const;
  // Names of the entries in a host directory, sorted; empty when it cannot be listed.
  std::vector<std::string> list(std::string_view host_dir) const;

  std::filesystem::path resolve(std::string_view host_path) const;
  const std::filesystem::path& root() const { return root_; }
  bool is_live() const { return live_; }

 private:
  std::filesystem::path root_;
  bool live_ = true;
};

}  // namespace autocut::sys
