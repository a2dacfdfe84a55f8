#include "analyze/parallel_scene_detection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>

namespace autocut::analyze {
namespace {

// Read past a range's end by this much: the index gives a keyframe's decoding time, which may precede the time it is
// shown by a few frames, and the frame shown first in the next range must be scored here too.
constexpr double kOverlap_s = 1.0;

struct RangeScores {
  std::vector<FrameScore> frames;
  std::string error;
  std::optional<std::string> fell_back;
};

RangeScores score_range(const std::filesystem::path& path, double start_s, double end_s,
                        const DetectorSettings& settings, const HardwareDecoderChoice& hardware) {
  RangeScores range;
  auto video = VideoSource::open(path, range.error, 1, hardware);
  if (!video) return range;
  if (start_s > 0) video->seek_to(start_s);
  // From the keyframe on: frames shown before it (an open GOP's leading pictures) belong to the range before. Its
  // own score against the frame before comes from there too.
  range.frames = score_frames(*video, settings, end_s + kOverlap_s, range.error, start_s > 0);
  range.fell_back = video->fell_back();
  return range;
}

}  // namespace

std::vector<double> range_starts(const std::vector<double>& keyframes, double duration_s, int ranges,
                                 const std::function<double(double)>& cost) {
  std::vector<double> starts{0};
  const bool by_cost = cost && cost(duration_s) > 0;
  const auto position = [&](double t) { return by_cost ? cost(t) : t; };
  for (int k = 1; k < ranges && duration_s > 0; ++k) {
    const double ideal = position(duration_s) * k / ranges;
    std::optional<double> best;
    for (const double keyframe : keyframes)
      if (keyframe > starts.back() && keyframe < duration_s &&
          (!best || std::abs(position(keyframe) - ideal) < std::abs(position(*best) - ideal)))
        best = keyframe;
    if (!best) break;
    starts.push_back(*best);
  }
  return starts;
}

SceneList detect_scenes_in_parallel(const std::filesystem::path& path, int ranges, const DetectorSettings& settings,
                                    const HardwareDecoderChoice& hardware, std::vector<std::string>* falls) {
  std::string error;
  if (ranges <= 0) ranges = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // The probe only reads the index unless the video cannot be split: frame threads (a pool started and stopped) are
  // opened only for a pass it does itself.
  auto probe = VideoSource::open(path, error, ranges > 1 ? 1 : 0, hardware);
  if (!probe) return {{}, error};
  const double duration = probe->duration_s(), fps = probe->frames_per_second();
  const auto starts = range_starts(probe->keyframes(), duration, ranges,
                                   [&](double t) { return static_cast<double>(probe->bytes_before(t)); });
  if (starts.size() < 2) {
    if (ranges > 1) probe = VideoSource::open(path, error, 0, hardware);
    if (!probe) return {{}, error};
    auto list = detect_scenes(*probe, settings);
    if (falls && probe->fell_back()) falls->push_back(*probe->fell_back());
    return list;
  }
  probe.reset();

  std::vector<RangeScores> scored(starts.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t r = 0; r < starts.size(); ++r) {
      const double end = r + 1 < starts.size() ? starts[r + 1] : std::numeric_limits<double>::infinity();
      threads.emplace_back([&, r, end] { scored[r] = score_range(path, starts[r], end, settings, hardware); });
    }
  }
  if (falls)
    for (const auto& range : scored)
      if (range.fell_back) falls->push_back(*range.fell_back);
  // Joined in order: each range's frames up to where the next one's first frame is shown, and that frame's score
  // as the range before computed it. A range that broke off ends the join there, with its error.
  std::vector<FrameScore> frames;
  std::optional<double> carried;  // the score of the next range's first frame
  for (std::size_t r = 0; r < scored.size(); ++r) {
    auto& range = scored[r];
    if (carried && !range.frames.empty()) range.frames.front().score = *carried;
    carried.reset();
    const bool last = r + 1 == scored.size();
    const double next_first = !last && !scored[r + 1].frames.empty() ? scored[r + 1].frames.front().time_s
                                                                     : std::numeric_limits<double>::infinity();
    bool reached = last;
    for (const auto& frame : range.frames) {
      if (frame.time_s < next_first) {
        frames.push_back(frame);
      } else {
        if (frame.time_s == next_first) carried = frame.score;
        reached = true;
        break;
      }
    }
    if (!range.error.empty() && (!reached || last)) {
      error = range.error;
      break;
    }
  }
  auto list = cuts_from_scores(frames, duration, fps, settings);
  list.error = error;
  if (list.scenes.empty() && list.error.empty()) list.error = "no frames could be read";
  return list;
}

}  // namespace autocut::analyze
