#include "analyze/keyframe_decoders.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace autocut::analyze {
namespace {

using Clock = std::chrono::steady_clock;

std::size_t bytes_of(const SceneFrames& frames) {
  std::size_t total = 0;
  for (const auto& frame : frames.frames) total += frame.bytes();
  return total;
}

}  // namespace

std::vector<std::size_t> runs_at_keyframes(std::size_t scenes,
                                           const std::function<std::pair<double, double>(std::size_t)>& first_last,
                                           const std::function<bool(double, double)>& keyframe_between) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i < scenes; ++i)
    if (keyframe_between(first_last(i - 1).second, first_last(i).first)) starts.push_back(i);
  return starts;
}

std::vector<std::size_t> runs_in(const VideoSource& video, const std::vector<Scene>& scenes, int frames_per_scene) {
  const double fps = video.frames_per_second();
  return runs_at_keyframes(
      scenes.size(),
      [&](std::size_t i) {
        const auto times = keyframe_times(scenes[i], frames_per_scene, fps);
        return std::pair(times.front(), times.back());
      },
      [&](double from, double to) { return video.keyframe_between(from, to); });
}

int decoders_for(std::size_t scenes) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min(cores, static_cast<int>(scenes / 2)));
}

KeyframeDecoders::KeyframeDecoders(std::unique_ptr<VideoSource> first, std::filesystem::path video,
                                   std::vector<Scene> scenes, const std::vector<std::size_t>& run_starts, int decoders,
                                   std::function<int()> frames_per_scene, HardwareDecoderChoice hardware,
                                   std::size_t budget_bytes)
    : video_(std::move(video)),
      scenes_(std::move(scenes)),
      frames_per_scene_(std::move(frames_per_scene)),
      hardware_(std::move(hardware)),
      budget_bytes_(budget_bytes),
      slots_(scenes_.size()) {
  for (std::size_t r = 0; r < run_starts.size(); ++r)
    runs_.push_back({run_starts[r], r + 1 < run_starts.size() ? run_starts[r + 1] : scenes_.size()});
  const auto threads = std::min(static_cast<std::size_t>(std::max(1, decoders)), runs_.size());
  for (std::size_t t = 0; t < threads; ++t) {
    auto source = t == 0 ? std::move(first) : nullptr;
    threads_.emplace_back([this, source = std::move(source)]() mutable { decode(std::move(source)); });
  }
}

KeyframeDecoders::~KeyframeDecoders() { join(); }

void KeyframeDecoders::join() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
}

void KeyframeDecoders::decode(std::unique_ptr<VideoSource> source) {
  std::string open_error;
  // Several decoders share the cores between them: one thread each, where one alone would take them all.
  if (!source) source = VideoSource::open(video_, open_error, 1, hardware_);
  for (;;) {
    Run run;
    {
      std::lock_guard lock(mutex_);
      if (stopping_ || next_run_ == runs_.size()) break;
      run = runs_[next_run_++];
    }
    if (!decode_run(run, source.get(), open_error)) break;
  }
  if (!source) return;
  frames_decoded_ += source->frames_decoded();
  if (source->fell_back()) {
    std::lock_guard lock(mutex_);
    falls_.push_back(*source->fell_back());
  }
}

bool KeyframeDecoders::decode_run(const Run& run, VideoSource* source, const std::string& open_error) {
  for (std::size_t i = run.begin; i < run.end; ++i) {
    {
      // Ahead of the scene being taken, a run waits while the frames held are over the budget.
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] {
        const bool holds_next = next_ >= run.begin && next_ < run.end;
        return stopping_ || holds_next || held_bytes_ < budget_bytes_;
      });
      if (stopping_) return false;
    }
    const auto started = Clock::now();
    Decoded decoded;
    const auto& scene = scenes_[i];
    if (!source)
      decoded.frames.error = open_error;
    else if (scene.error.empty())
      decoded.frames = decode_keyframes(*source, scene, frames_per_scene_(), i + 1 == run.end);
    decoded.decode_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    const auto bytes = bytes_of(decoded.frames);
    {
      std::lock_guard lock(mutex_);
      held_bytes_ += bytes;
      slots_[i] = std::move(decoded);
    }
    changed_.notify_all();
  }
  return true;
}

std::vector<std::string> KeyframeDecoders::falls() const {
  std::lock_guard lock(mutex_);
  return falls_;
}

KeyframeDecoders::Decoded KeyframeDecoders::take(std::size_t index) {
  std::unique_lock lock(mutex_);
  next_ = index;
  changed_.notify_all();  // the range that holds it may have been waiting on the budget
  changed_.wait(lock, [&] { return slots_[index].has_value(); });
  auto decoded = std::move(*slots_[index]);
  slots_[index].reset();
  held_bytes_ -= bytes_of(decoded.frames);
  next_ = index + 1;
  lock.unlock();
  changed_.notify_all();
  return decoded;
}

}  // namespace autocut::analyze
