#include "analysis_jobs/media_roots.hpp"

#include <algorithm>

namespace autocut::analysis_jobs {
namespace {

bool lies_under(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto root_part = root.begin();
  auto path_part = path.begin();
  for (; root_part != root.end(); ++root_part, ++path_part) {
    if (root_part->empty()) continue;  // the empty last element of a root written with a trailing slash
    if (path_part == path.end() || *path_part != *root_part) return false;
  }
  return true;
}

}  // namespace

MediaRoots MediaRoots::only(const std::vector<std::filesystem::path>& directories) {
  MediaRoots roots;
  roots.restricted_ = true;
  for (const auto& directory : directories) {
    std::error_code error;
    auto real = std::filesystem::canonical(directory, error);
    if (!error) roots.directories_.push_back(std::move(real));
  }
  return roots;
}

AdmittedVideo MediaRoots::admit(const std::filesystem::path& video) const {
  if (!restricted_) return {video, {}};
  if (directories_.empty())
    return {{}, "this service reads no videos: it is reachable beyond loopback and was given no --media-dir"};
  std::error_code error;
  const auto real = std::filesystem::weakly_canonical(video, error);
  const bool inside = !error && std::any_of(directories_.begin(), directories_.end(),
                                            [&](const auto& root) { return lies_under(real, root); });
  if (!inside) return {{}, video.string() + " is outside the media directories this service may read (--media-dir)"};
  return {real, {}};
}

}  // namespace autocut::analysis_jobs
