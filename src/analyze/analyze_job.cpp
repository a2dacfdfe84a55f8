#include "analyze/analyze_job.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "analyze/frame_measures.hpp"
#include "analyze/jpeg.hpp"
#include "analyze/video_source.hpp"

namespace autocut::analyze {

std::vector<double> keyframe_times(const Scene& scene, int frames_per_scene, double frames_per_second) {
  const double middle = (scene.start_s + scene.end_s) / 2;
  if (frames_per_scene < 3) return {middle};
  // A frame in from each edge: the first and last frames of a scene are where cuts and fades blur.
  const double frame = frames_per_second > 0 ? 1.0 / frames_per_second : 0.04;
  const double inset = std::min((scene.end_s - scene.start_s) / 4, std::max(frame, 0.1));
  return {scene.start_s + inset, middle, scene.end_s - inset};
}

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// What the job's threads share: the backends struck off, the callbacks (one at a time), the models' slots.
class SharedState {
 public:
  SharedState(const JobOptions& options, const std::function<void(const SceneResult&)>& on_scene)
      : options_(options), on_scene_(on_scene) {}

  bool struck_off(const std::string& backend) const {
    std::lock_guard lock(mutex_);
    return struck_off_.count(backend) > 0;
  }
  void strike_off(const std::string& backend) {
    std::lock_guard lock(mutex_);
    struck_off_.insert(backend);
  }
  void report_attempt(const AttemptReport& report) {
    std::lock_guard lock(callbacks_);
    if (options_.on_attempt) options_.on_attempt(report);
  }
  void report_scene(const SceneResult& result, JobSummary& summary) {
    std::lock_guard lock(callbacks_);
    ++summary.scenes;
    result.ok ? ++summary.succeeded : ++summary.failed;
    on_scene_(result);
  }
  void take_slot(int limit) {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return in_flight_ < std::max(1, limit); });
    ++in_flight_;
  }
  void give_slot() {
    {
      std::lock_guard lock(mutex_);
      --in_flight_;
    }
    freed_.notify_all();
  }
  bool cancelled() const { return options_.cancel && options_.cancel->load(); }
  void sleep(double seconds) const {
    if (options_.sleep) return options_.sleep(seconds);
    // In short steps, so that a cancel is not kept waiting behind a Retry-After.
    for (const auto until = Clock::now() + std::chrono::duration<double>(seconds); Clock::now() < until && !cancelled();)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

 private:
  const JobOptions& options_;
  const std::function<void(const SceneResult&)>& on_scene_;
  mutable std::mutex mutex_;  // struck_off_, in_flight_
  std::set<std::string> struck_off_;
  int in_flight_ = 0;
  std::condition_variable freed_;
  std::mutex callbacks_;
};

// The chain's first backend that answers, or none. Backends that failed for good are struck off for the job.
// False when the job was cancelled on the way.
bool ask_chain(const JobOptions& options, const Chain& chain, const std::vector<std::string>& images,
               SceneResult& result, SharedState& shared) {
  for (const auto& backend : chain.backends) {
    if (shared.struck_off(backend.name)) continue;
    const auto answer = ask_with_retries(
        backend, images, options.prompt, options.retry,
        [&](const Attempt& attempt) {
          ++result.attempts;
          shared.report_attempt({result.scene.index, backend.name, attempt});
        },
        [&](double seconds) { shared.sleep(seconds); }, options.cancel);
    if (answer.cancelled) return false;
    if (answer.ok) {
      result.description = answer.text;
      result.backend = backend.name;
      result.model = backend.model;
      return true;
    }
    if (answer.backend_unusable) shared.strike_off(backend.name);
  }
  return true;
}

// The scene's keyframes and measurements, from the job's one decoder. The images are encoded only when a model
// will see them.
void take_keyframes(VideoSource& source, const Chain& chain, SceneResult& result, std::vector<std::string>& images,
                    SceneDescription& measured) {
  std::vector<FrameMeasures> measures;
  std::vector<double> motions;
  std::optional<Image> previous;
  for (const double at : keyframe_times(result.scene, chain.frames_per_scene, source.frames_per_second())) {
    std::string frame_error;
    auto image = source.frame_at(at, chain.image_max_side, frame_error);
    if (!image) {
      result.error = frame_error;
      return;
    }
    result.keyframes_s.push_back(image->time_s);
    measures.push_back(measure_frame(*image));
    if (!chain.backends.empty()) images.push_back(jpeg_base64(*image));
    if (previous) motions.push_back(motion_between(*previous, *image));
    previous = std::move(image);
  }
  measured = describe_scene(measures, motions);
  result.tags = measured.tags;
}

// Asks the models and reports the scene; runs on a thread of its own when models are asked.
void finish_scene(const JobOptions& options, const Chain& chain, SceneResult result, std::vector<std::string> images,
                  SceneDescription measured, Clock::time_point started, SharedState& shared, JobSummary& summary) {
  if (!ask_chain(options, chain, images, result, shared)) return;  // cancelled: not done, so not reported
  if (result.description.empty()) {
    result.description = std::move(measured.text);  // the last resort that always works
    ++result.attempts;
  }
  result.ok = true;
  result.duration_ms = elapsed_ms(started);
  shared.report_scene(result, summary);
}

}  // namespace

JobSummary run_job(const std::filesystem::path& video, SceneList scenes, const JobOptions& options,
                   const std::function<void(const SceneResult&)>& on_scene) {
  const auto job_start = Clock::now();
  JobSummary summary;
  std::string error;
  auto source = VideoSource::open(video, error);
  if (!source) {
    summary.error = error;
    return summary;
  }
  scenes = check_scenes(std::move(scenes), source->duration_s());
  if (!scenes.error.empty()) {
    summary.error = scenes.error;
    return summary;
  }
  if (options.on_scenes) options.on_scenes(static_cast<int>(scenes.scenes.size()));
  SharedState shared(options, on_scene);
  auto chain = std::make_shared<const Chain>(options.chain);
  std::vector<std::jthread> asking;
  for (const auto& scene : scenes.scenes) {
    if (shared.cancelled()) break;
    if (options.take_update)
      if (auto update = options.take_update()) chain = std::make_shared<const Chain>(std::move(*update));
    const auto started = Clock::now();
    SceneResult result;
    result.scene = scene;
    if (!scene.error.empty()) {
      result.error = scene.error;
      result.duration_ms = elapsed_ms(started);
      shared.report_scene(result, summary);
      continue;
    }
    std::vector<std::string> images;
    SceneDescription measured;
    take_keyframes(*source, *chain, result, images, measured);
    if (!result.error.empty()) {
      result.duration_ms = elapsed_ms(started);
      shared.report_scene(result, summary);
      continue;
    }
    if (chain->backends.empty() || chain->max_concurrent <= 1) {
      finish_scene(options, *chain, std::move(result), std::move(images), std::move(measured), started, shared,
                   summary);
      continue;
    }
    shared.take_slot(chain->max_concurrent);
    asking.emplace_back([&, chain, result = std::move(result), images = std::move(images),
                         measured = std::move(measured), started]() mutable {
      finish_scene(options, *chain, std::move(result), std::move(images), std::move(measured), started, shared,
                   summary);
      shared.give_slot();
    });
  }
  asking.clear();  // joins: every scene started is finished or cancelled
  summary.cancelled = shared.cancelled() && summary.scenes < static_cast<int>(scenes.scenes.size());
  summary.total_ms = elapsed_ms(job_start);
  return summary;
}

}  // namespace autocut::analyze
