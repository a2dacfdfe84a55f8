// One analysis job as the core runs it: starts the worker, hands it the job and the vision plan, reads its lines,
// reports every model attempt (the monitor's failure rate), sends a new plan whenever the policy changes so the
// scenes not yet started follow it, and keeps the results. Whatever happens to the worker — it crashes, it is
// cancelled, it never starts — the scenes it finished are kept and the job ends with a clear state. Thread-safe:
// one thread runs it, any thread may read its progress or cancel it.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis_jobs/analysis_request.hpp"
#include "policy/vision_chain.hpp"

namespace autocut::analysis_jobs {

enum class JobState { queued, running, done, failed, cancelled };
std::string_view to_string(JobState state);

struct AttemptOutcome {
  std::string backend;
  bool ok = false;
  std::chrono::milliseconds duration{0};
  std::string error;
};

struct WorkerSetup {
  std::filesystem::path program;
  std::vector<std::string> environment;      // the worker's whole environment
  std::function<policy::VisionPlan()> plan;  // the plan now: asked at the start and after each line from the worker
  std::function<void(const AttemptOutcome&)> on_attempt;            // each model call, as it ends
  std::function<void()> on_progress;                                // after each scene and when the job ends
  nlohmann::ordered_json retry = nlohmann::ordered_json::object();  // the worker's retry policy, when not its own
  std::chrono::milliseconds stop_grace{5000};                       // after a cancel, before the worker is killed
  std::optional<std::filesystem::path> keyframes_dir;  // where the worker keeps each scene's picture, if anywhere
};

struct Progress {
  JobState state = JobState::queued;
  std::optional<int> total;  // known once the worker has the scenes
  int done = 0;
  int failed = 0;
  std::string backend;  // of the last scene finished
  double elapsed_s = 0;
  std::optional<double> rate;   // scenes per second
  std::optional<double> eta_s;  // at that rate
  std::map<std::string, int> by_backend;
};

class AnalysisJob {
 public:
  AnalysisJob(std::string id, AnalysisRequest request);

  void run(const WorkerSetup& setup);  // to the end, on the calling thread
  // Async-signal-safe: only sets a flag the running job looks at.
  void cancel() { cancel_requested_ = true; }

  const std::string& id() const { return id_; }
  Progress progress() const;
  // {"id", "video", "video_duration_s", "state", "progress", "error", "plan_changes", "scenes": [...by index...],
  // "summary"}. A plan change says where in the video it took effect ("at_s": the end of the latest scene done by
  // then).
  nlohmann::ordered_json to_json(bool with_scenes = true) const;

 private:
  void finish(JobState state, std::string error, const WorkerSetup& setup);
  void note_plan(const policy::VisionPlan& plan);
  void take_line(const nlohmann::ordered_json& line, const WorkerSetup& setup);
  Progress progress_locked() const;

  const std::string id_;
  const AnalysisRequest request_;
  std::atomic<bool> cancel_requested_{false};

  mutable std::mutex mutex_;  // everything below
  JobState state_ = JobState::queued;
  std::chrono::steady_clock::time_point started_, ended_;
  std::optional<int> total_;
  std::optional<double> video_duration_s_;
  std::vector<nlohmann::ordered_json> scenes_;
  nlohmann::ordered_json plan_changes_ = nlohmann::ordered_json::array();
  std::optional<nlohmann::ordered_json> done_;  // the worker's last line
  std::string error_;
  std::string warning_;
};

}  // namespace autocut::analysis_jobs
