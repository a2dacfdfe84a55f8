// One analysis job: a video and its scenes, keyframes taken in scene order from one decoder, each scene described
// by a backend, every outcome reported as it happens. This part runs the builtin analyzer; the model backends join
// it through the same report.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyze/scenes.hpp"

namespace autocut::analyze {

struct JobOptions {
  int frames_per_scene = 1;  // 1: the middle frame; 3: near the start, the middle, near the end
  int image_max_side = 512;
};

struct SceneResult {
  Scene scene;
  std::vector<double> keyframes_s;
  std::string description;
  std::vector<std::string> tags;
  std::string backend = "builtin";
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
