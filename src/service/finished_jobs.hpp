// Finished analysis jobs kept as files under the service's state directory (analysis/<id>.json, written atomically
// as each job ends), so the scenes a job finished outlive the service: a stop mid-job, a crash, a restart. The
// newest `keep` are kept. Each job's scene pictures (analysis/<id>/<scene>.jpg, written by the worker as it goes)
// are kept with it, removed with it, and all together held under a size cap: the oldest job's go first. Each
// instance belongs to one queue, whose one worker thread calls keep(); keyframe() may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace autocut::service {

class FinishedJobs {
 public:
  FinishedJobs(std::optional<std::filesystem::path> directory, std::size_t keep,
               std::uint64_t keyframes_max_bytes = std::uint64_t{256} << 20);

  // Where a job's scene pictures go as it runs; none without a directory or for an id that is not one of ours.
  std::optional<std::filesystem::path> keyframes_dir(const std::string& id) const;
  // The job as it ended, with its scenes. An error a person can act on, or nullopt; a failure loses only the copy.
  // The jobs beyond `keep` go, with their pictures, and the pictures left are brought under the cap.
  std::optional<std::string> keep(const nlohmann::ordered_json& job);
  // The jobs earlier runs kept, oldest first; files that are not a job are left alone and skipped.
  std::vector<nlohmann::ordered_json> load() const;
  // A scene's picture (JPEG bytes), if it is kept. Neither part of the path comes from anything but a job id of
  // ours and a scene number.
  std::optional<std::string> keyframe(const std::string& id, int scene) const;

 private:
  void remove_pictures_of_jobs_gone();
  void trim_pictures();

  std::optional<std::filesystem::path> directory_;
  std::size_t keep_;
  std::uint64_t keyframes_max_bytes_;
};

// Job ids are 16 lowercase hex digits: what may become a file name.
bool is_job_id(const std::string& id);

}  // namespace autocut::service
