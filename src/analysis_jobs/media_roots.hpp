// Where analysis may read videos. A service bound beyond loopback reads only under the directories given with
// --media-dir: a remote caller must not turn the worker on /etc/shadow or a user's documents. On loopback any
// absolute path stays allowed (the caller is on this machine already) unless directories are given.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace autocut::analysis_jobs {

struct AdmittedVideo {
  std::filesystem::path video;  // the real path, symlinks resolved: the worker opens this, not what was asked
  std::string refusal;          // set: why it may not be read
};

class MediaRoots {
 public:
  static MediaRoots anywhere() { return MediaRoots(); }
  // Each directory's real path is taken now; one that does not resolve admits nothing.
  static MediaRoots only(const std::vector<std::filesystem::path>& directories);

  bool restricted() const { return restricted_; }
  const std::vector<std::filesystem::path>& directories() const { return directories_; }
  // Resolves every symlink of `video` first, then checks the real path lies under a root.
  AdmittedVideo admit(const std::filesystem::path& video) const;

 private:
  bool restricted_ = false;
  std::vector<std::filesystem::path> directories_;
};

}  // namespace autocut::analysis_jobs
