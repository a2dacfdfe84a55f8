// One analysis job: a video and its scenes, keyframes taken by a decoder per core, each taking runs of scenes
// between keyframes as it comes free (analyze/keyframe_decoders), and handed on in scene order, each scene described
// by the first backend of the chain that answers (retried with backoff), and by the builtin analyzer when none does.
// The decoders run ahead of the scenes being finished (measured, encoded, asked) within a memory budget; up to
// `max_concurrent` scenes wait on a model at once. Every attempt and every scene is reported as it happens. The builtin
// measurements always run: their tags come with every scene. The chain may change between scenes (the policy degraded):
// the scenes not yet asked follow the new one (their frames, already decoded, keep the old frames per scene).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyze/hardware_decoding.hpp"
#include "analyze/scene_keyframes.hpp"
#include "analyze/scenes.hpp"
#include "analyze/vision_backends.hpp"

namespace autocut::analyze {

struct AttemptReport {
  int scene_index = 0;
  std::string backend;
  Attempt attempt;
};

// What the policy decides for vision: where to ask, in order, and within which limits.
struct Chain {
  std::vector<BackendConfig> backends;  // the fallback chain before the builtin analyzer, in order
  int frames_per_scene = 1;             // 1: the middle frame; 3: near the start, the middle, near the end
  int image_max_side = 512;
  int max_concurrent = 1;                        // scenes waiting on a model at once
  std::vector<ProvenDecoder> hardware_decoders;  // the GPU decoders the decode trials proved here
};

struct JobOptions {
  Chain chain;
  std::function<std::optional<Chain>()> take_update;  // asked as each scene is finished: a new chain, if one came
  const std::atomic<bool>* cancel = nullptr;          // set: no new scene starts, requests in flight end
  RetryPolicy retry;
  std::string prompt =
      "Describe this video scene for a video editor in one or two sentences: the subject, the setting, the action, "
      "the kind of shot and the mood.";
  // How many scenes the job has, once they are checked, and how long the video is.
  std::function<void(int, double)> on_scenes;
  std::function<void(const AttemptReport&)> on_attempt;  // each model attempt, as it ends
  std::function<void(double)> sleep;                     // waits between retries; default: really sleeps
  // Decoders working through the scenes at once (analyze/keyframe_decoders); 0: one per core, two scenes each.
  int decoders = 0;
  // A GPU decoder for the video, tried before software (proven_hardware(chain.hardware_decoders)); none: software.
  HardwareDecoderChoice hardware;
  // Where each scene's middle keyframe is kept as <index>.jpg (for a contact sheet); none when empty.
  std::filesystem::path keyframes_dir;
};

struct SceneResult {
  Scene scene;
  std::vector<double> keyframes_s;
  std::string description;
  std::vector<std::string> tags;
  std::optional<SceneMeasurements> measurements;  // of the decoded keyframes
  bool keyframe_kept = false;                     // as keyframes_dir/<index>.jpg
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
  bool cancelled = false;  // stopped early; the scenes reported are complete
  int decoders = 0;        // how many decoded the keyframes
  int frames_decoded = 0;  // by all of them: each frame of the video at most once
  std::string decoding;    // "h264 on cuda", "h264": how the first decoder began
  // Why hardware was not used, and each fall from it to software mid-file (the frames before it kept).
  std::vector<std::string> decoding_notes;
  std::string error;  // the job could not run at all (missing file, not a video, no scenes)
};

// `on_scene` is called once per scene as soon as it is done: in order with one scene at a time, in the order the
// models answer otherwise. Callbacks are never called concurrently.
JobSummary run_job(const std::filesystem::path& video, SceneList scenes, const JobOptions& options,
                   const std::function<void(const SceneResult&)>& on_scene);

}  // namespace autocut::analyze
