// One analysis job: a video and its scenes, keyframes taken in scene order from one decoder, each scene described
// by the first backend of the chain that answers (retried with backoff), and by the builtin analyzer when none
// does. Every attempt and every scene is reported as it happens. The builtin measurements always run: their tags
// come with every scene.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyze/scenes.hpp"
#include "analyze/vision_backends.hpp"

namespace autocut::analyze {

struct AttemptReport {
  int scene_index = 0;
  std::string backend;
  Attempt attempt;
};

struct JobOptions {
  int frames_per_scene = 1;  // 1: the middle frame; 3: near the start, the middle, near the end
  int image_max_side = 512;
  std::vector<BackendConfig> backends;  // the fallback chain before the builtin analyzer, in order
  RetryPolicy retry;
  std::string prompt =
      "Describe this video scene for a video editor in one or two sentences: the subject, the setting, the action, "
      "the kind of shot and the mood.";
  std::function<void(const AttemptReport&)> on_attempt;  // each model attempt, as it ends
  std::function<void(double)> sleep;                     // waits between retries; default: really sleeps
};

struct SceneResult {
  Scene scene;
  std::vector<double> keyframes_s;
  std::string description;
  std::vector<std::string> tags;
  std::string backend = "builtin";
  std::string model;  // empty for the builtin analyzer
  double duration_ms = 0;
  bool ok = false;
  std::string error;
  int attempts = 0;
};

struct JobSummary {
  int scenes = 0;
  int succeeded = 0;
  int failed = 0;
  double total_ms = 0;
  std::string error;  // the job could not run at all (missing file, not a video, no scenes)
};

// `on_scene` is called once per scene, in order, as soon as it is done.
JobSummary run_job(const std::filesystem::path& video, SceneList scenes, const JobOptions& options,
                   const std::function<void(const SceneResult&)>& on_scene);

// The times within a scene to take keyframes at.
std::vector<double> keyframe_times(const Scene& scene, int frames_per_scene, double frames_per_second);

}  // namespace autocut::analyze
