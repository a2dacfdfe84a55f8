#include "analysis_jobs/analysis_job.hpp"

#include <algorithm>

#include "sys/child_process.hpp"

namespace autocut::analysis_jobs {
namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string last_line(const std::string& text) {
  auto end = text.find_last_not_of("\r\n");
  if (end == std::string::npos) return {};
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

std::string how_it_ended(const sys::ChildProcess& worker, const std::string& error_output) {
  std::string text = "the analysis worker stopped before it finished (" + worker.ended_how() + ")";
  if (const auto said = last_line(error_output); !said.empty()) text += ": " + said.substr(0, 300);
  return text;
}

}  // namespace

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::queued:
      return "queued";
    case JobState::running:
      return "running";
    case JobState::done:
      return "done";
    case JobState::failed:
      return "failed";
    case JobState::cancelled:
      return "cancelled";
  }
  return "failed";
}

AnalysisJob::AnalysisJob(std::string id, AnalysisRequest request) : id_(std::move(id)), request_(std::move(request)) {}

void AnalysisJob::note_plan(const policy::VisionPlan& plan) {
  std::lock_guard lock(mutex_);
  double at_s = 0;
  for (const auto& scene : scenes_) at_s = std::max(at_s, scene.value("end", 0.0));
  plan_changes_.push_back({{"scenes_done", scenes_.size()},
                           {"at_s", at_s},
                           {"level", core::to_string(plan.level)},
                           {"backend", policy::to_string(plan.backend)}});
}

void AnalysisJob::finish(JobState state, std::string error, const WorkerSetup& setup) {
  {
    std::lock_guard lock(mutex_);
    state_ = state;
    error_ = std::move(error);
    ended_ = Clock::now();
  }
  if (setup.on_progress) setup.on_progress();
}

void AnalysisJob::run(const WorkerSetup& setup) {
  {
    std::lock_guard lock(mutex_);
    state_ = JobState::running;
    started_ = ended_ = Clock::now();
  }
  if (auto problem = check_video_path(request_.video); !problem.empty())
    return finish(JobState::failed, problem, setup);
  if (cancel_requested_) return finish(JobState::cancelled, {}, setup);
  std::string error;
  auto worker = sys::ChildProcess::start({setup.program.string()}, setup.environment, error);
  if (!worker) return finish(JobState::failed, "cannot start the analysis worker: " + error, setup);

  auto plan = setup.plan();
  auto sent = policy::chain_to_json(plan);
  note_plan(plan);
  auto job = job_line(request_);
  job["chain"] = sent;
  job["retry"] = setup.retry;
  if (setup.keyframes_dir) job["keyframes_dir"] = setup.keyframes_dir->string();
  worker->write_line(job.dump());

  std::optional<Clock::time_point> kill_at;
  for (;;) {
    const auto read = worker->read_line(200ms);
    if (read.status == sys::ReadStatus::ended) break;
    if (cancel_requested_ && !kill_at) {
      worker->request_stop();  // the worker finishes what is in flight, reports it, and says it was cancelled
      kill_at = Clock::now() + setup.stop_grace;
    }
    if (kill_at && Clock::now() >= *kill_at) worker->kill();
    if (read.status != sys::ReadStatus::line) continue;
    const auto line = json::parse(read.line, nullptr, false);
    if (!line.is_object() || !line.contains("event")) continue;  // not ours: a library writing to stdout
    take_line(line, setup);
    const auto event = line.value("event", std::string());
    if (kill_at || (event != "attempt" && event != "scene")) continue;
    // A failed attempt may just have tipped the monitor: the scenes not yet started follow the new plan.
    const auto now = setup.plan();
    if (auto chain = policy::chain_to_json(now); chain != sent) {
      worker->write_line(json{{"chain", chain}}.dump());
      sent = std::move(chain);
      note_plan(now);
    }
  }
  const int exit_code = worker->wait(setup.stop_grace);

  std::unique_lock lock(mutex_);
  const auto done = done_;
  lock.unlock();
  if (done && done->contains("error") && (*done)["error"].is_string())
    return finish(JobState::failed, (*done)["error"].get<std::string>(), setup);
  if (done && done->value("cancelled", false)) return finish(JobState::cancelled, {}, setup);
  if (done && exit_code == 0) return finish(JobState::done, {}, setup);
  if (cancel_requested_) return finish(JobState::cancelled, {}, setup);
  finish(JobState::failed, how_it_ended(*worker, worker->error_output()), setup);
}

void AnalysisJob::take_line(const json& line, const WorkerSetup& setup) {
  const auto event = line.value("event", std::string());
  if (event == "attempt") {
    if (!setup.on_attempt) return;
    const auto error = line.contains("error") && line["error"].is_string() ? line["error"].get<std::string>() : "";
    setup.on_attempt({line.value("backend", std::string()), line.value("ok", false),
                      std::chrono::milliseconds(static_cast<long>(line.value("duration_ms", 0.0))), error});
    return;
  }
  {
    std::lock_guard lock(mutex_);
    if (event == "scenes") {
      total_ = line.value("count", 0);
      if (line.contains("duration_s") && line["duration_s"].is_number())
        video_duration_s_ = line["duration_s"].get<double>();
      if (line.contains("warning") && line["warning"].is_string()) warning_ = line["warning"].get<std::string>();
    } else if (event == "scene") {
      auto scene = line;
      scene.erase("event");
      scenes_.push_back(std::move(scene));
    } else if (event == "done") {
      done_ = line;
    } else {
      return;
    }
  }
  if (event == "scene" && setup.on_progress) setup.on_progress();
}

Progress AnalysisJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_locked();
}

Progress AnalysisJob::progress_locked() const {
  Progress progress;
  progress.state = state_;
  progress.total = total_;
  progress.done = static_cast<int>(scenes_.size());
  for (const auto& scene : scenes_) {
    if (!scene.value("ok", false)) ++progress.failed;
    ++progress.by_backend[scene.value("backend", std::string("builtin"))];
  }
  if (!scenes_.empty()) progress.backend = scenes_.back().value("backend", std::string());
  const auto until = state_ == JobState::running ? Clock::now() : ended_;
  progress.elapsed_s = std::chrono::duration<double>(until - started_).count();
  if (progress.done > 0 && progress.elapsed_s > 0) {
    progress.rate = progress.done / progress.elapsed_s;
    if (total_) progress.eta_s = std::max(0, *total_ - progress.done) / *progress.rate;
  }
  return progress;
}

json AnalysisJob::to_json(bool with_scenes) const {
  std::lock_guard lock(mutex_);
  const auto progress = progress_locked();
  const auto optional = [](const std::optional<double>& value) { return value ? json(*value) : json(nullptr); };
  const auto done_field = [&](const char* key, json otherwise) {
    return done_ && done_->is_object() && done_->contains(key) ? (*done_)[key] : otherwise;
  };
  json document{{"id", id_},
                {"video", request_.video.string()},
                {"video_duration_s", optional(video_duration_s_)},
                {"state", to_string(state_)},
                {"error", error_.empty() ? json(nullptr) : json(error_)},
                {"warning", warning_.empty() ? json(nullptr) : json(warning_)},
                {"progress",
                 {{"total", total_ ? json(*total_) : json(nullptr)},
                  {"done", progress.done},
                  {"failed", progress.failed},
                  {"backend", progress.backend.empty() ? json(nullptr) : json(progress.backend)},
                  {"elapsed_s", progress.elapsed_s},
                  {"scenes_per_s", optional(progress.rate)},
                  {"eta_s", optional(progress.eta_s)}}},
                {"summary",
                 {{"scenes", progress.done},
                  {"succeeded", progress.done - progress.failed},
                  {"failed", progress.failed},
                  {"by_backend", progress.by_backend},
                  {"total_s", progress.elapsed_s},
                  {"cancelled", state_ == JobState::cancelled},
                  // How the worker decoded (GPU or software) and every fall from a GPU decoder, once it is done.
                  {"decoding", done_field("decoding", json(nullptr))},
                  {"decoding_notes", done_field("decoding_notes", json::array())}}},
                {"plan_changes", plan_changes_}};
  if (with_scenes) {
    auto scenes = scenes_;
    std::stable_sort(scenes.begin(), scenes.end(),
                     [](const json& a, const json& b) { return a.value("index", 0) < b.value("index", 0); });
    document["scenes"] = std::move(scenes);
  }
  return document;
}

}  // namespace autocut::analysis_jobs
