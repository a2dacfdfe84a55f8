#include "analyze/analyze_job.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "analyze/finishing_threads.hpp"
#include "analyze/keyframe_decoders.hpp"
#include "analyze/video_source.hpp"
#include "sys/atomic_file.hpp"

namespace autocut::analyze {

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
  return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// What the job's threads share: the chain, the backends struck off, the callbacks (one at a time).
class SharedState {
 public:
  SharedState(const JobOptions& options, const std::function<void(const SceneResult&)>& on_scene)
      : options_(options), on_scene_(on_scene), chain_(std::make_shared<const Chain>(options.chain)) {}

  // The chain as last heard of, without asking for news: what the decoder needs (frames per scene, the limit).
  std::shared_ptr<const Chain> known_chain() {
    std::lock_guard lock(callbacks_);
    return chain_;
  }
  // The chain as the policy says now: what a scene about to be asked follows.
  std::shared_ptr<const Chain> newest_chain() {
    std::lock_guard lock(callbacks_);
    if (options_.take_update)
      if (auto update = options_.take_update()) chain_ = std::make_shared<const Chain>(std::move(*update));
    return chain_;
  }

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
  bool cancelled() const { return options_.cancel && options_.cancel->load(); }
  void sleep(double seconds) const {
    if (options_.sleep) return options_.sleep(seconds);
    // In short steps, so that a cancel is not kept waiting behind a Retry-After.
    for (const auto until = Clock::now() + std::chrono::duration<double>(seconds);
         Clock::now() < until && !cancelled();)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

 private:
  const JobOptions& options_;
  const std::function<void(const SceneResult&)>& on_scene_;
  mutable std::mutex mutex_;  // struck_off_
  std::set<std::string> struck_off_;
  std::mutex callbacks_;  // and chain_
  std::shared_ptr<const Chain> chain_;
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

// A scene whose frames are decoded (or failed to be): measured, encoded, asked, reported. Runs on a finishing thread.
void finish_scene(const JobOptions& options, SceneResult result, const SceneFrames& frames, double decode_ms,
                  SharedState& shared, JobSummary& summary) {
  if (shared.cancelled()) return;  // not started, so not reported
  const auto started = Clock::now();
  const auto took = [&] { return decode_ms + elapsed_ms(started); };
  if (!result.error.empty() || !frames.error.empty()) {
    for (const auto& frame : frames.frames) result.keyframes_s.push_back(frame.time_s());
    if (result.error.empty()) result.error = frames.error;
    result.duration_ms = took();
    shared.report_scene(result, summary);
    return;
  }
  const auto chain = shared.newest_chain();
  auto encoded =
      encode_keyframes(frames, chain->backends.empty() ? 0 : chain->image_max_side, !options.keyframes_dir.empty());
  result.keyframes_s = std::move(encoded.times_s);
  result.tags = encoded.measured.tags;
  result.measurements = encoded.measured.measurements;
  // A picture that cannot be kept (a full disk) costs the contact sheet its picture, not the scene its result.
  if (!encoded.thumbnail.empty())
    result.keyframe_kept = !sys::write_file_atomically(
        options.keyframes_dir / (std::to_string(result.scene.index) + ".jpg"), encoded.thumbnail);
  if (!ask_chain(options, *chain, encoded.jpegs, result, shared)) return;  // cancelled: not done, so not reported
  if (result.description.empty()) {
    result.description = std::move(encoded.measured.text);  // the last resort that always works
    ++result.attempts;
  }
  result.ok = true;
  result.duration_ms = took();
  shared.report_scene(result, summary);
}

}  // namespace

JobSummary run_job(const std::filesystem::path& video, SceneList scenes, const JobOptions& options,
                   const std::function<void(const SceneResult&)>& on_scene) {
  const auto job_start = Clock::now();
  JobSummary summary;
  std::string error;
  auto source = VideoSource::open(video, error, VideoSource::kThreadsByFrameSize, options.hardware);
  if (!source) {
    summary.error = error;
    return summary;
  }
  summary.decoding = source->decoding();
  if (source->hardware_refused()) summary.decoding_notes.push_back("software: " + *source->hardware_refused());
  scenes = check_scenes(std::move(scenes), source->duration_s());
  if (!scenes.error.empty()) {
    summary.error = scenes.error;
    return summary;
  }
  if (!options.keyframes_dir.empty()) {
    std::error_code ignored;  // a directory that cannot be made leaves each scene without its picture, said there
    std::filesystem::create_directories(options.keyframes_dir, ignored);
  }
  if (options.on_scenes) options.on_scenes(static_cast<int>(scenes.scenes.size()), source->duration_s());
  SharedState shared(options, on_scene);
  {
    const int wanted = options.decoders > 0 ? options.decoders : decoders_for(scenes.scenes.size());
    const auto runs = runs_in(*source, scenes.scenes, shared.known_chain()->frames_per_scene);
    KeyframeDecoders decoders(
        std::move(source), video, scenes.scenes, runs, wanted, [&] { return shared.known_chain()->frames_per_scene; },
        options.hardware);
    {
      FinishingThreads finishing;
      for (std::size_t i = 0; i < scenes.scenes.size(); ++i) {
        if (shared.cancelled()) break;
        SceneResult result;
        result.scene = scenes.scenes[i];
        result.error = result.scene.error;
        auto decoded = decoders.take(i);
        auto frames = std::make_shared<SceneFrames>(std::move(decoded.frames));
        finishing.run(
            [&, result = std::move(result), frames, decode_ms = decoded.decode_ms]() mutable {
              finish_scene(options, std::move(result), *frames, decode_ms, shared, summary);
            },
            shared.known_chain()->max_concurrent);
      }
    }  // every scene handed over is finished or cancelled
    decoders.join();
    summary.decoders = decoders.decoders();
    summary.frames_decoded = decoders.frames_decoded();
    for (auto& fall : decoders.falls()) summary.decoding_notes.push_back(std::move(fall));
  }
  summary.cancelled = shared.cancelled() && summary.scenes < static_cast<int>(scenes.scenes.size());
  summary.total_ms = elapsed_ms(job_start);
  return summary;
}

}  // namespace autocut::analyze
