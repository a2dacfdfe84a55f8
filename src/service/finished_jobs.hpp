// Finished analysis jobs kept as files under the service's state directory (analysis/<id>.json, written atomically
// as each job ends), so the scenes a job finished outlive the service: a stop mid-job, a crash, a restart. The
// newest `keep` are kept. Each instance belongs to one queue; not thread-safe on its own.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace autocut::service {

class FinishedJobs {
 public:
  FinishedJobs(std::optional<std::filesystem::path> directory, std::size_t keep);

  // The job as it ended, with its scenes. An error a person can act on, or nullopt; a failure loses only the copy.
  std::optional<std::string> keep(const nlohmann::ordered_json& job);
  // The jobs earlier runs kept, oldest first; files that are not a job are left alone and skipped.
  std::vector<nlohmann::ordered_json> load() const;

 private:
  std::optional<std::filesystem::path> directory_;
  std::size_t keep_;
};

}  // namespace autocut::service
