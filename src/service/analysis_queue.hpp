// Analysis jobs the service runs for its API: one at a time, in the order they came (each worker already sends
// the policy's number of requests at once; two videos at once would only compete for the same model). Each job's
// attempts go to the service's monitor, its progress to the event stream, and the scenes it has not started follow
// the policy as it changes. The last finished jobs are kept for reading, and on disk when a results directory is
// given. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analysis_jobs/analysis_job.hpp"
#include "analysis_jobs/media_roots.hpp"
#include "service/finished_jobs.hpp"
#include "service/runtime_service.hpp"

namespace autocut::service {

struct AnalysisLaunch {
  std::filesystem::path program;         // the worker
  std::vector<std::string> environment;  // its whole environment
  nlohmann::ordered_json retry = nlohmann::ordered_json::object();
  std::size_t keep_finished = 32;
  std::optional<std::filesystem::path> results_dir =
      std::nullopt;  // finished jobs kept here across restarts (service/finished_jobs)
  std::uint64_t keyframes_max_bytes = std::uint64_t{256} << 20;  // the scenes' pictures under results_dir, together
  std::size_t max_queued = 16;
};

class AnalysisQueue {
 public:
  // Without `launch`, every submission is refused with `unavailable`. Videos outside `media` are refused before
  // anything reads them.
  AnalysisQueue(RuntimeService& service, std::optional<AnalysisLaunch> launch, std::string unavailable = {},
                analysis_jobs::MediaRoots media = analysis_jobs::MediaRoots::anywhere());
  ~AnalysisQueue();
  AnalysisQueue(const AnalysisQueue&) = delete;
  AnalysisQueue& operator=(const AnalysisQueue&) = delete;

  // busy and unavailable are the service's, not the request's; forbidden: the video is outside the media roots
  // not_yet: the request depends on detection still under way
  enum class Refused { no, invalid, forbidden, busy, unavailable, not_yet };
  struct Submission {
    std::string id;     // set when accepted
    std::string error;  // why not, otherwise
    Refused refused = Refused::no;
  };
  Submission submit(analysis_jobs::AnalysisRequest request);
  std::optional<nlohmann::ordered_json> job(const std::string& id) const;
  nlohmann::ordered_json jobs() const;  // each without its scenes, newest last
  // The vision backends a job may name on this machine now (of ollama-gpu, ollama-cpu, local-openai, cloud; then
  // builtin, always); none without the worker.
  std::vector<std::string> backends() const;
  // A scene's picture (JPEG bytes) of a job this queue knows, while it is kept.
  std::optional<std::string> keyframe(const std::string& id, int scene) const;
  bool cancel(const std::string& id);
  void stop();  // cancels what runs and what waits; returns once the worker has ended

 private:
  void work(std::stop_token stop);
  bool restored_locked(const std::string& id) const;  // an earlier run's job; mutex_ held
  void run(analysis_jobs::AnalysisJob& job, const std::optional<policy::Backend>& backend);

  RuntimeService& service_;
  const std::optional<AnalysisLaunch> launch_;
  const std::string unavailable_;
  const analysis_jobs::MediaRoots media_;
  FinishedJobs finished_;  // the worker thread's, once constructed

  mutable std::mutex mutex_;                      // the three below
  std::vector<nlohmann::ordered_json> restored_;  // jobs an earlier run finished, oldest first
  std::deque<std::pair<std::shared_ptr<analysis_jobs::AnalysisJob>, std::optional<policy::Backend>>> waiting_;
  std::vector<std::shared_ptr<analysis_jobs::AnalysisJob>> all_;  // oldest first, bounded
  bool stopped_ = false;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

// How a job runs on the service: with the policy's vision plan at the monitor's level as it is when each scene is
// asked (or one backend's, when the request names it), every attempt reported and judged at once. The caller adds
// on_progress.
analysis_jobs::WorkerSetup service_worker_setup(RuntimeService& service, const AnalysisLaunch& launch,
                                                std::optional<policy::Backend> backend);

}  // namespace autocut::service
