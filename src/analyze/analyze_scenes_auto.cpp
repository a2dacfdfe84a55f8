#include "analyze/analyze_scenes_auto.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "analyze/chain_json.hpp"
#include "policy/resolve.hpp"
#include "policy/vision_chain.hpp"

namespace autocut::analyze {
namespace {

// The same path as the worker's: the plan as JSON, read back with the keys from the environment.
Chain chain_for(const policy::VisionPlan& plan) { return chain_from_json(policy::chain_to_json(plan)); }

}  // namespace

AutoResult analyze_scenes_auto(SceneList scenes, const std::filesystem::path& video, const AutoOptions& options) {
  AutoResult result;
  if (options.use_policy && !options.profile) {
    result.summary.error = "use_policy needs the machine's profile";
    return result;
  }
  const auto level_now = [&] {
    return options.monitor ? options.monitor->status().level : options.profile->profile_class;
  };
  const auto plan_at = [&](core::Level level) -> std::optional<policy::VisionPlan> {
    if (options.backend)
      return policy::vision_plan_for_backend(*options.profile, options.policy_config, level, *options.backend);
    return policy::vision_plan(policy::resolve(*options.profile, options.policy_config, level), options.profile->facts);
  };

  JobOptions job;
  job.retry = options.retry;
  job.cancel = options.cancel;
  job.chain = options.chain;
  if (options.use_policy) {
    auto level = level_now();
    const auto plan = plan_at(level);
    if (!plan) {
      result.summary.error = "this machine has nothing to run vision on " +
                             std::string(policy::to_string(*options.backend));
      return result;
    }
    job.chain = chain_for(*plan);
    // An explicit backend stays; otherwise the scenes not yet started follow the monitor's level.
    if (options.monitor && !options.backend)
      job.take_update = [&, level]() mutable -> std::optional<Chain> {
        const auto now = level_now();
        if (now == level) return std::nullopt;
        level = now;
        return chain_for(*plan_at(now));
      };
    if (options.monitor)
      job.on_attempt = [&](const AttemptReport& report) {
        options.monitor->record_task({monitor::Clock::now(), "vision", report.backend, report.attempt.ok,
                                      std::chrono::milliseconds(static_cast<long>(report.attempt.duration_ms)),
                                      report.attempt.error},
                                     report.backend != "cloud");
        options.monitor->sample_now();  // judged before the next scene starts
      };
  }
  result.summary = run_job(video, std::move(scenes), job, [&](const SceneResult& scene) {
    result.scenes.push_back(scene);
    if (options.on_scene) options.on_scene(scene);
  });
  std::stable_sort(result.scenes.begin(), result.scenes.end(),
                   [](const SceneResult& a, const SceneResult& b) { return a.scene.index < b.scene.index; });
  return result;
}

}  // namespace autocut::analyze
