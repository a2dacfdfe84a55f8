// What an analysis job is asked to do — a video on this machine's disk and where its scenes come from — checked
// before any worker starts, so a wrong path or a malformed scene list is one clear error.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "policy/policy.hpp"

namespace autocut::analysis_jobs {

struct AnalysisRequest {
  std::filesystem::path video;
  std::optional<nlohmann::ordered_json> scenes;  // a list of {start, end}
  std::optional<std::string> scenes_csv;         // PySceneDetect's CSV
  // Neither of the two: the worker finds the scenes itself.
  std::optional<policy::Backend> backend;  // only this backend (then the builtin analyzer), whatever the policy says
};

// Empty when `video` is an existing, regular, readable file; else why not, naming the path.
std::string check_video_path(const std::filesystem::path& video);

// The backends vision may be sent to, in this order wherever they are listed; the builtin analyzer last.
inline constexpr policy::Backend kVisionBackends[] = {policy::Backend::ollama_gpu, policy::Backend::ollama_cpu,
                                                      policy::Backend::local_openai, policy::Backend::cloud,
                                                      policy::Backend::builtin};

// The backend names `--backend` and the API accept for vision.
std::optional<policy::Backend> vision_backend_named(const std::string& name);
inline constexpr const char* kVisionBackendNames = "ollama-gpu, ollama-cpu, local-openai, cloud or builtin";

// A scene file: JSON (a list, or an object with "scenes") or PySceneDetect's CSV, told apart by its first
// character. Empty `error` when the content is usable as one or the other; the worker checks each scene.
void read_scenes_text(const std::string& text, AnalysisRequest& request, std::string& error);

// The job as the worker's first line reads it, without the chain (added by the job).
nlohmann::ordered_json job_line(const AnalysisRequest& request);

}  // namespace autocut::analysis_jobs
