// A job's keyframes decoded on several cores. The scenes are split into contiguous ranges where a keyframe lies
// between one range's last frame and the next one's first, and each range gets a decoder of its own on a thread of
// its own, so no frame of the video is decoded twice and each keyframe is the very frame one decoder going through
// the scenes in order would give. Decoders run ahead of the scenes being finished within a memory budget; the
// range that holds the next scene to be taken is never held back, so the job always moves.
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

// Where ranges start (indices into `scenes`, the first always 0), at most `ranges` of them, as even in scene count as
// the keyframes allow. `first_last(i)` gives scene i's first and last keyframe times; a range may start at scene i
// only when `keyframe_between(last of i-1, first of i)`. Pure.
std::vector<std::size_t> split_at_keyframes(std::size_t scenes, int ranges,
                                            const std::function<std::pair<double, double>(std::size_t)>& first_last,
                                            const std::function<bool(double, double)>& keyframe_between);

// How many decoders suit a job: one per core, two scenes each at least.
int decoders_for(std::size_t scenes);

class KeyframeDecoders {
 public:
  struct Decoded {
    SceneFrames frames;
    double decode_ms = 0;
  };

  // `first` decodes the first range (it is already open); the others open `video` with one decoder thread each.
  // `frames_per_scene` is asked as each scene is decoded. Scenes with an error of their own are not decoded.
  // `hardware` is tried for each of the others, as it was for the first.
  KeyframeDecoders(std::unique_ptr<VideoSource> first, std::filesystem::path video, std::vector<Scene> scenes,
                   const std::vector<std::size_t>& range_starts, std::function<int()> frames_per_scene,
                   HardwareDecoderChoice hardware = {}, std::size_t budget_bytes = std::size_t{256} << 20);
  ~KeyframeDecoders();  // join()
  void join();          // stops the decoders where they are and waits for them
  KeyframeDecoders(const KeyframeDecoders&) = delete;
  KeyframeDecoders& operator=(const KeyframeDecoders&) = delete;

  // Scene `index`'s frames (indices in order, each once), waiting for its decoder.
  Decoded take(std::size_t index);
  int ranges() const { return static_cast<int>(ranges_.size()); }
  int frames_decoded() const { return frames_decoded_; }  // by the decoders that have ended (all, after join())
  // Each decoder's fall from hardware to software, by the decoders that have ended (all, after join()).
  std::vector<std::string> falls() const;

 private:
  struct Range {
    std::size_t begin = 0, end = 0;
  };
  void decode(std::size_t range, std::unique_ptr<VideoSource> source);

  const std::filesystem::path video_;
  const std::vector<Scene> scenes_;
  const std::function<int()> frames_per_scene_;
  const HardwareDecoderChoice hardware_;
  const std::size_t budget_bytes_;
  std::vector<Range> ranges_;

  mutable std::mutex mutex_;  // the five below
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
