#include "service/finished_jobs.hpp"

#include <algorithm>

#include "sys/atomic_file.hpp"
#include "sys/file_text.hpp"

namespace autocut::service {
namespace {

using json = nlohmann::ordered_json;

// Job files, oldest first. Ids are random, so age comes from the files' times, ties broken by name.
std::vector<std::filesystem::path> job_files(const std::filesystem::path& directory) {
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const auto& path = entry.path();
    if (path.extension() != ".json" || path.filename().string().starts_with(".")) continue;
    std::error_code time_error;
    const auto time = std::filesystem::last_write_time(path, time_error);
    if (!time_error) found.emplace_back(time, path);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> files;
  for (auto& [time, path] : found) files.push_back(std::move(path));
  return files;
}

bool is_job(const json& document) {
  return document.is_object() && document.contains("id") && document["id"].is_string() && document.contains("state") &&
         document["state"].is_string();
}

}  // namespace

FinishedJobs::FinishedJobs(std::optional<std::filesystem::path> directory, std::size_t keep)
    : directory_(std::move(directory)), keep_(std::max<std::size_t>(keep, 1)) {}

std::optional<std::string> FinishedJobs::keep(const json& job) {
  if (!directory_ || !is_job(job)) return std::nullopt;
  std::error_code error;
  std::filesystem::create_directories(*directory_, error);
  if (error) return "cannot create " + directory_->string() + ": " + error.message();
  const auto id = job["id"].get<std::string>();
  if (id.find_first_not_of("0123456789abcdef") != std::string::npos) return std::nullopt;  // never a path
  if (auto problem = sys::write_file_atomically(*directory_ / (id + ".json"),
                                                job.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"))
    return problem;
  auto files = job_files(*directory_);
  for (std::size_t i = 0; i + keep_ < files.size(); ++i) std::filesystem::remove(files[i], error);
  return std::nullopt;
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

}  // namespace autocut::service
