// The original's analyze_scenes_auto(scenes_data, video_path, use_policy=True), for C++ programs that accept
// FFmpeg in their own process (autocut itself runs the worker instead). With `use_policy`, the vision chain comes
// from the policy at the monitor's level (or the machine's class when there is no monitor), each model attempt is
// recorded with that monitor, and when its level moves the scenes not yet started follow the new policy.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

#include "analyze/analyze_job.hpp"
#include "core/runtime_profile.hpp"
#include "monitor/monitor.hpp"
#include "policy/policy.hpp"
#include "policy/policy_config.hpp"

namespace autocut::analyze {

struct AutoOptions {
  bool use_policy = true;
  const core::RuntimeProfile* profile = nullptr;  // needed with use_policy
  policy::PolicyConfig policy_config;
  monitor::Monitor* monitor = nullptr;      // optional: judges every attempt and sets the level
  std::optional<policy::Backend> backend;   // only this backend, as `autocut analyze --backend`
  Chain chain;                              // without use_policy: exactly this
  RetryPolicy retry;
  std::function<void(const SceneResult&)> on_scene;
  const std::atomic<bool>* cancel = nullptr;
};

struct AutoResult {
  JobSummary summary;
  std::vector<SceneResult> scenes;  // by index
};

AutoResult analyze_scenes_auto(SceneList scenes, const std::filesystem::path& video, const AutoOptions& options);

}  // namespace autocut::analyze
