// A job's keyframes decoded on several cores. The scenes fall into runs that one decoder goes through without a
// seek; where a keyframe lies between one scene's last frame and the next one's first, that decoder would seek to it
// anyway, so a new run starts there. Decoders, one thread each, take the runs in order as they come free: no frame of
// the video is decoded twice, each keyframe is the very frame one decoder going through the scenes in order would
// give, and no decoder sits idle while another has half the video left (ranges fixed in advance differed twofold
// in decoding time where one held the busy shots). Decoders run ahead of the scenes being finished within a memory
// budget; the run that holds the next scene to be taken is never held back, so the job always moves.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "analyze/scene_keyframes.hpp"
#include "analyze/video_source.hpp"

namespace autocut::analyze {

// Where runs start (indices into `scenes`, the first always 0): at each scene i where
// `keyframe_between(last of i-1, first of i)`, `first_last(i)` giving scene i's first and last keyframe times. Pure.
std::vector<std::size_t> runs_at_keyframes(std::size_t scenes,
                                           const std::function<std::pair<double, double>(std::size_t)>& first_last,
                                           const std::function<bool(double, double)>& keyframe_between);

// The runs of `scenes` in `video`, `frames_per_scene` keyframes each, from the container's index.
std::vector<std::size_t> runs_in(const VideoSource& video, const std::vector<Scene>& scenes, int frames_per_scene);

// How many decoders suit a job: one per core, two scenes each at least.
int decoders_for(std::size_t scenes);

class KeyframeDecoders {
 public:
  struct Decoded {
    SceneFrames frames;
    double decode_ms = 0;
  };

  // `decoders` (at most one per run) work through the runs starting at `run_starts`. `first`, already open, is the
  // first decoder; the others open `video` with one decoder thread each, `hardware` tried first as it was for
  // `first`. `frames_per_scene` is asked as each scene is decoded. Scenes with an error of their own are not decoded.
  KeyframeDecoders(std::unique_ptr<VideoSource> first, std::filesystem::path video, std::vector<Scene> scenes,
                   const std::vector<std::size_t>& run_starts, int decoders, std::function<int()> frames_per_scene,
                   HardwareDecoderChoice hardware = {}, std::size_t budget_bytes = std::size_t{256} << 20);
  ~KeyframeDecoders();  // join()
  void join();          // stops the decoders where they are and waits for them
  KeyframeDecoders(const KeyframeDecoders&) = delete;
  KeyframeDecoders& operator=(const KeyframeDecoders&) = delete;

  // Scene `index`'s frames (indices in order, each once), waiting for its decoder.
  Decoded take(std::size_t index);
  int decoders() const { return static_cast<int>(threads_.size()); }
  int frames_decoded() const { return frames_decoded_; }  // by the decoders that have ended (all, after join())
  // Each decoder's fall from hardware to software, by the decoders that have ended (all, after join()).
  std::vector<std::string> falls() const;

 private:
  struct Run {
    std::size_t begin = 0, end = 0;
  };
  // One decoder's thread: runs taken in turn until none is left.
  void decode(std::unique_ptr<VideoSource> source);
  // Decodes `run` with `source`; false when the job is stopping.
  bool decode_run(const Run& run, VideoSource* source, const std::string& open_error);

  const std::filesystem::path video_;
  const std::vector<Scene> scenes_;
  const std::function<int()> frames_per_scene_;
  const HardwareDecoderChoice hardware_;
  const std::size_t budget_bytes_;
  std::vector<Run> runs_;

  mutable std::mutex mutex_;  // the seven below
  std::size_t next_run_ = 0;  // the next run a decoder takes
  std::condition_variable changed_;
  std::vector<std::optional<Decoded>> slots_;
  std::size_t next_ = 0;        // the next scene to be taken
  std::size_t held_bytes_ = 0;  // of frames decoded and not yet taken
  bool stopping_ = false;
  std::vector<std::string> falls_;
  std::atomic<int> frames_decoded_{0};
  std::vector<std::thread> threads_;
};

}  // namespace autocut::analyze
