#include "service/analysis_queue.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include "policy/resolve.hpp"

namespace autocut::service {
namespace {

using json = nlohmann::ordered_json;

std::string new_id() {
  static std::mutex mutex;
  static std::mt19937_64 generator{std::random_device{}()};
  std::lock_guard lock(mutex);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(generator()));
  return text;
}

}  // namespace

AnalysisQueue::AnalysisQueue(RuntimeService& service, std::optional<AnalysisLaunch> launch, std::string unavailable,
                             analysis_jobs::MediaRoots media)
    : service_(service),
      launch_(std::move(launch)),
      unavailable_(std::move(unavailable)),
      media_(std::move(media)),
      finished_(launch_ ? launch_->results_dir : std::nullopt, launch_ ? launch_->keep_finished : 1,
                launch_ ? launch_->keyframes_max_bytes : 0),
      restored_(finished_.load()) {
  if (launch_) thread_ = std::jthread([this](std::stop_token stop) { work(stop); });
}

AnalysisQueue::~AnalysisQueue() { stop(); }

AnalysisQueue::Submission AnalysisQueue::submit(analysis_jobs::AnalysisRequest request) {
  if (!launch_)
    return {{}, unavailable_.empty() ? "video analysis is not available here" : unavailable_, Refused::unavailable};
  // The roots first: nothing about a file outside them is looked at, not even whether it exists.
  auto admitted = media_.admit(request.video);
  if (!admitted.refusal.empty()) return {{}, std::move(admitted.refusal), Refused::forbidden};
  request.video = std::move(admitted.video);
  if (auto problem = analysis_jobs::check_video_path(request.video); !problem.empty())
    return {{}, problem, Refused::invalid};
  if (request.backend && *request.backend != policy::Backend::builtin) {
    const auto profile = service_.current_profile();
    if (!policy::vision_plan_for_backend(*profile, service_.policy_config(), service_.monitor_status().level,
                                         *request.backend)) {
      // Not known to be missing while the servers are still being asked: a moment later it may be there.
      if (core::still_checking(profile->facts, "ai-runtimes"))
        return {{}, "the local AI servers are still being asked; try again in a moment", Refused::not_yet};
      return {{},
              "this machine has nothing to run vision on " + std::string(policy::to_string(*request.backend)),
              Refused::invalid};
    }
  }
  std::lock_guard lock(mutex_);
  if (stopped_) return {{}, "the service is stopping", Refused::unavailable};
  if (waiting_.size() >= launch_->max_queued)
    return {{}, std::to_string(waiting_.size()) + " jobs are waiting already; try again later", Refused::busy};
  const auto backend = request.backend;
  auto job = std::make_shared<analysis_jobs::AnalysisJob>(new_id(), std::move(request));
  waiting_.emplace_back(job, backend);
  all_.push_back(job);
  // Forget the oldest finished jobs beyond the bound; waiting and running ones are always kept.
  for (auto it = all_.begin(); all_.size() > launch_->keep_finished + waiting_.size() + 1 && it != all_.end();) {
    const auto state = (*it)->progress().state;
    if (state != analysis_jobs::JobState::queued && state != analysis_jobs::JobState::running)
      it = all_.erase(it);
    else
      ++it;
  }
  wake_.notify_all();
  return {job->id(), {}};
}

std::optional<json> AnalysisQueue::job(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& job : all_)
    if (job->id() == id) return job->to_json();
  for (const auto& job : restored_)
    if (job["id"] == id) return job;
  return std::nullopt;
}

json AnalysisQueue::jobs() const {
  std::lock_guard lock(mutex_);
  auto list = json::array();
  for (auto job : restored_) {
    job.erase("scenes");
    list.push_back(std::move(job));
  }
  for (const auto& job : all_) list.push_back(job->to_json(false));
  return list;
}

std::vector<std::string> AnalysisQueue::backends() const {
  if (!launch_) return {};
  const auto profile = service_.current_profile();
  const auto level = service_.monitor_status().level;
  std::vector<std::string> names;
  for (const auto backend : analysis_jobs::kVisionBackends)
    if (backend == policy::Backend::builtin ||
        policy::vision_plan_for_backend(*profile, service_.policy_config(), level, backend))
      names.emplace_back(policy::to_string(backend));
  return names;
}

bool AnalysisQueue::restored_locked(const std::string& id) const {
  return std::any_of(restored_.begin(), restored_.end(), [&](const json& job) { return job["id"] == id; });
}

std::optional<std::string> AnalysisQueue::keyframe(const std::string& id, int scene) const {
  {
    std::lock_guard lock(mutex_);
    const bool known =
        std::any_of(all_.begin(), all_.end(), [&](const auto& job) { return job->id() == id; }) || restored_locked(id);
    if (!known) return std::nullopt;
  }
  return finished_.keyframe(id, scene);  // read outside the lock: a file read holds up no one
}

bool AnalysisQueue::cancel(const std::string& id) {
  std::lock_guard lock(mutex_);
  for (const auto& job : all_)
    if (job->id() == id) {
      job->cancel();
      return true;
    }
  // A job an earlier run finished has nothing left to cancel, but it is there.
  return restored_locked(id);
}

void AnalysisQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    for (const auto& job : all_) job->cancel();
  }
  if (thread_.joinable()) {
    thread_.request_stop();
    wake_.notify_all();
    thread_.join();
  }
}

void AnalysisQueue::work(std::stop_token stop) {
  for (;;) {
    std::shared_ptr<analysis_jobs::AnalysisJob> job;
    std::optional<policy::Backend> backend;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [&] { return !waiting_.empty(); })) return;
      std::tie(job, backend) = waiting_.front();
      waiting_.pop_front();
    }
    run(*job, backend);
  }
}

void AnalysisQueue::run(analysis_jobs::AnalysisJob& job, const std::optional<policy::Backend>& backend) {
  auto setup = service_worker_setup(service_, *launch_, backend);
  setup.keyframes_dir = finished_.keyframes_dir(job.id());
  setup.on_progress = [this, &job] { service_.hub().publish("analysis", job.to_json(false)); };
  job.run(setup);
  // Kept whatever the end: done, failed, or cancelled by a stop with the scenes it had finished.
  if (auto problem = finished_.keep(job.to_json())) service_.hub().publish("warning", json{{"message", *problem}});
}

analysis_jobs::WorkerSetup service_worker_setup(RuntimeService& service, const AnalysisLaunch& launch,
                                                std::optional<policy::Backend> backend) {
  analysis_jobs::WorkerSetup setup;
  setup.program = launch.program;
  setup.environment = launch.environment;
  setup.retry = launch.retry;
  setup.plan = [&service, backend] {
    const auto profile = service.current_profile();
    const auto level = service.monitor_status().level;
    if (backend)
      if (auto plan = policy::vision_plan_for_backend(*profile, service.policy_config(), level, *backend)) return *plan;
    return policy::vision_plan(service.current_policy(), profile->facts);
  };
  setup.on_attempt = [&service](const analysis_jobs::AttemptOutcome& attempt) {
    service.record_task({"vision", attempt.backend, attempt.ok, attempt.duration, attempt.error});
    service.judge_now();
  };
  return setup;
}

}  // namespace autocut::service
