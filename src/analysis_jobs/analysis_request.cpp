#include "analysis_jobs/analysis_request.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace autocut::analysis_jobs {

std::string check_video_path(const std::filesystem::path& video) {
  std::error_code error;
  const auto status = std::filesystem::status(video, error);
  if (video.empty()) return "no video was named";
  if (!std::filesystem::exists(status)) return video.string() + ": no such file";
  if (std::filesystem::is_directory(status)) return video.string() + ": is a directory, not a video file";
  if (!std::filesystem::is_regular_file(status)) return video.string() + ": is not a regular file";
  errno = 0;
  if (!std::ifstream(video, std::ios::binary))
    return video.string() + ": cannot be read" + (errno ? std::string(" (") + std::strerror(errno) + ")" : "");
  return {};
}

std::optional<policy::Backend> vision_backend_named(const std::string& name) {
  for (const auto backend : kVisionBackends)
    if (policy::to_string(backend) == name) return backend;
  return std::nullopt;
}

void read_scenes_text(const std::string& text, AnalysisRequest& request, std::string& error) {
  const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) {
    error = "the scene file is empty";
    return;
  }
  if (text[first] != '[' && text[first] != '{') {
    request.scenes_csv = text;
    return;
  }
  auto document = nlohmann::ordered_json::parse(text, nullptr, false);
  if (document.is_object() && document.contains("scenes")) document = document["scenes"];
  if (document.is_discarded() || !document.is_array()) {
    error = "the scene file is neither a JSON list of {\"start\", \"end\"} nor a PySceneDetect CSV";
    return;
  }
  request.scenes = std::move(document);
}

nlohmann::ordered_json job_line(const AnalysisRequest& request) {
  nlohmann::ordered_json job{{"video", request.video.string()}};
  if (request.scenes)
    job["scenes"] = *request.scenes;
  else if (request.scenes_csv)
    job["scenes_csv"] = *request.scenes_csv;
  else
    job["detect_scenes"] = true;
  return job;
}

}  // namespace autocut::analysis_jobs
