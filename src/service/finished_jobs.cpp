#include "service/finished_jobs.hpp"

#include <algorithm>
#include <set>

#include "sys/atomic_file.hpp"
#include "sys/file_text.hpp"

namespace autocut::service {
namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// Job files, oldest first. Ids are random, so age comes from the files' times, ties broken by name.
std::vector<fs::path> job_files(const fs::path& directory) {
  std::vector<std::pair<fs::file_time_type, fs::path>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const auto& path = entry.path();
    if (path.extension() != ".json" || path.filename().string().starts_with(".")) continue;
    std::error_code time_error;
    const auto time = fs::last_write_time(path, time_error);
    if (!time_error) found.emplace_back(time, path);
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> files;
  for (auto& [time, path] : found) files.push_back(std::move(path));
  return files;
}

bool is_job(const json& document) {
  return document.is_object() && document.contains("id") && document["id"].is_string() && document.contains("state") &&
         document["state"].is_string();
}

// A job's pictures with their sizes, the last scene first (the order they go in when the newest job alone is over
// the cap: the start of a video is what a person looks at first).
std::vector<std::pair<fs::path, std::uint64_t>> pictures_in(const fs::path& directory) {
  std::vector<std::pair<int, std::pair<fs::path, std::uint64_t>>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    std::error_code size_error;
    const auto size = entry.file_size(size_error);
    if (size_error || entry.path().extension() != ".jpg") continue;
    const auto stem = entry.path().stem().string();
    const int scene =
        stem.find_first_not_of("0123456789") == std::string::npos && stem.size() < 10 ? std::stoi(stem) : 0;
    found.push_back({scene, {entry.path(), size}});
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::pair<fs::path, std::uint64_t>> pictures;
  for (auto& [scene, picture] : found) pictures.push_back(std::move(picture));
  return pictures;
}

}  // namespace

bool is_job_id(const std::string& id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

FinishedJobs::FinishedJobs(std::optional<fs::path> directory, std::size_t keep, std::uint64_t keyframes_max_bytes)
    : directory_(std::move(directory)),
      keep_(std::max<std::size_t>(keep, 1)),
      keyframes_max_bytes_(keyframes_max_bytes) {}

std::optional<fs::path> FinishedJobs::keyframes_dir(const std::string& id) const {
  if (!directory_ || !is_job_id(id) || keyframes_max_bytes_ == 0) return std::nullopt;
  return *directory_ / id;
}

std::optional<std::string> FinishedJobs::keep(const json& job) {
  if (!directory_ || !is_job(job)) return std::nullopt;
  std::error_code error;
  fs::create_directories(*directory_, error);
  if (error) return "cannot create " + directory_->string() + ": " + error.message();
  const auto id = job["id"].get<std::string>();
  if (!is_job_id(id)) return std::nullopt;  // never a path
  if (auto problem = sys::write_file_atomically(*directory_ / (id + ".json"),
                                                job.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"))
    return problem;
  auto files = job_files(*directory_);
  for (std::size_t i = 0; i + keep_ < files.size(); ++i) fs::remove(files[i], error);
  remove_pictures_of_jobs_gone();
  trim_pictures();
  return std::nullopt;
}

// Called as a job ends, when no other runs: a picture directory without its job file belongs to a job forgotten
// (or to a run that crashed before keeping it).
void FinishedJobs::remove_pictures_of_jobs_gone() {
  std::set<std::string> kept;
  for (const auto& file : job_files(*directory_)) kept.insert(file.stem().string());
  std::error_code error;
  std::vector<fs::path> gone;
  for (const auto& entry : fs::directory_iterator(*directory_, error))
    if (entry.is_directory() && is_job_id(entry.path().filename().string()) &&
        !kept.count(entry.path().filename().string()))
      gone.push_back(entry.path());
  for (const auto& directory : gone) fs::remove_all(directory, error);
}

void FinishedJobs::trim_pictures() {
  std::vector<std::vector<std::pair<fs::path, std::uint64_t>>> by_job;  // oldest job first
  std::uint64_t total = 0;
  for (const auto& file : job_files(*directory_)) {
    by_job.push_back(pictures_in(*directory_ / file.stem()));
    for (const auto& [path, size] : by_job.back()) total += size;
  }
  std::error_code error;
  for (auto& pictures : by_job)
    for (const auto& [path, size] : pictures) {
      if (total <= keyframes_max_bytes_) return;
      if (fs::remove(path, error)) total -= size;
    }
}

std::vector<json> FinishedJobs::load() const {
  std::vector<json> jobs;
  if (!directory_) return jobs;
  for (const auto& file : job_files(*directory_)) {
    auto document = json::parse(sys::read_file(file).value_or(""), nullptr, false);
    if (is_job(document)) jobs.push_back(std::move(document));
  }
  if (jobs.size() > keep_) jobs.erase(jobs.begin(), jobs.end() - static_cast<std::ptrdiff_t>(keep_));
  return jobs;
}

std::optional<std::string> FinishedJobs::keyframe(const std::string& id, int scene) const {
  if (!directory_ || !is_job_id(id) || scene < 1) return std::nullopt;
  return sys::read_file(*directory_ / id / (std::to_string(scene) + ".jpg"));
}

}  // namespace autocut::service
