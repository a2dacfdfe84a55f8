#include "analyze/analyze_job.hpp"

#include <chrono>
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

// The chain's first backend that answers, or none. Backends that failed for good are struck off for the job.
void ask_chain(const JobOptions& options, const std::vector<std::string>& images, SceneResult& result,
               std::set<std::string>& struck_off) {
  const auto sleep = options.sleep ? options.sleep : [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  for (const auto& backend : options.backends) {
    if (struck_off.count(backend.name)) continue;
    const auto answer = ask_with_retries(
        backend, images, options.prompt, options.retry,
        [&](const Attempt& attempt) {
          ++result.attempts;
          if (options.on_attempt) options.on_attempt({result.scene.index, backend.name, attempt});
        },
        sleep);
    if (answer.ok) {
      result.description = answer.text;
      result.backend = backend.name;
      result.model = backend.model;
      return;
    }
    if (answer.backend_unusable) struck_off.insert(backend.name);
  }
}

}  // namespace

JobSummary run_job(const std::filesystem::path& video, SceneList scenes, const JobOptions& options,
                   const std::function<void(const SceneResult&)>& on_scene) {
  using Clock = std::chrono::steady_clock;
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
  std::set<std::string> struck_off;
  for (const auto& scene : scenes.scenes) {
    const auto start = Clock::now();
    SceneResult result;
    result.scene = scene;
    ++summary.scenes;
    if (!scene.error.empty()) {
      result.error = scene.error;
    } else {
      std::vector<FrameMeasures> measures;
      std::vector<std::string> images;
      std::vector<double> motions;
      std::optional<Image> previous;
      for (const double at : keyframe_times(scene, options.frames_per_scene, source->frames_per_second())) {
        std::string frame_error;
        auto image = source->frame_at(at, options.image_max_side, frame_error);
        if (!image) {
          result.error = frame_error;
          break;
        }
        result.keyframes_s.push_back(image->time_s);
        measures.push_back(measure_frame(*image));
        if (!options.backends.empty()) images.push_back(jpeg_base64(*image));
        if (previous) motions.push_back(motion_between(*previous, *image));
        previous = std::move(image);
      }
      if (result.error.empty()) {
        auto measured = describe_scene(measures, motions);
        result.tags = std::move(measured.tags);
        ask_chain(options, images, result, struck_off);
        if (result.description.empty()) {
          result.description = std::move(measured.text);  // the last resort that always works
          ++result.attempts;
        }
        result.ok = true;
      }
    }
    result.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    result.ok ? ++summary.succeeded : ++summary.failed;
    on_scene(result);
  }
  summary.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - job_start).count();
  return summary;
}

}  // namespace autocut::analyze
