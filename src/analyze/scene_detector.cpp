#include "analyze/scene_detector.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

namespace autocut::analyze {
namespace {

// Fixed-point reciprocals, 12 fractional bits, so the per-pixel work is integer: 255/v for saturation, 30/diff for
// hue (hue in degrees is 60·n/diff; OpenCV halves it to fit a byte).
constexpr int kShift = 12;
struct Reciprocals {
  std::array<int, 256> saturation{};
  std::array<int, 256> hue{};
  Reciprocals() {
    for (int i = 1; i < 256; ++i) {
      saturation[i] = static_cast<int>(std::lround((255.0 * (1 << kShift)) / i));
      hue[i] = static_cast<int>(std::lround((30.0 * (1 << kShift)) / i));
    }
  }
};

int fixed_round(int value, int reciprocal) { return (value * reciprocal + (1 << (kShift - 1))) >> kShift; }

}  // namespace

HsvFrame to_hsv(const Image& image) {
  static const Reciprocals reciprocals;
  HsvFrame frame;
  frame.width = image.width;
  frame.height = image.height;
  const std::size_t pixels = image.rgb.size() / 3;
  frame.hsv.resize(pixels * 3);
  for (std::size_t i = 0; i < pixels; ++i) {
    const int r = image.rgb[i * 3], g = image.rgb[i * 3 + 1], b = image.rgb[i * 3 + 2];
    const int high = std::max({r, g, b}), diff = high - std::min({r, g, b});
    int hue = 0;
    if (diff > 0) {
      const int sector = high == r ? g - b : high == g ? b - r + 2 * diff : r - g + 4 * diff;
      hue = fixed_round(sector, reciprocals.hue[diff]);
      if (hue < 0) hue += 180;
    }
    frame.hsv[i * 3] = static_cast<std::uint8_t>(hue);
    frame.hsv[i * 3 + 1] = static_cast<std::uint8_t>(fixed_round(diff, reciprocals.saturation[high]));
    frame.hsv[i * 3 + 2] = static_cast<std::uint8_t>(high);
  }
  return frame;
}

double content_score(const HsvFrame& previous, const HsvFrame& current) {
  if (previous.width != current.width || previous.height != current.height || previous.hsv.empty()) return 0;
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < previous.hsv.size(); ++i)
    sum += static_cast<std::uint64_t>(std::abs(int{previous.hsv[i]} - int{current.hsv[i]}));
  return static_cast<double>(sum) / static_cast<double>(previous.hsv.size());
}

std::vector<FrameScore> score_frames(VideoSource& video, const DetectorSettings& settings, double stop_at_s,
                                     std::string& error, bool from_a_keyframe) {
  std::vector<FrameScore> frames;
  std::optional<HsvFrame> previous;
  for (;;) {
    const auto image = video.next_image(settings.analysis_side, error);
    if (!image || image->time_s >= stop_at_s) break;
    if (frames.empty() && from_a_keyframe && !image->keyframe) continue;
    auto hsv = to_hsv(*image);
    frames.push_back({image->time_s, previous ? content_score(*previous, hsv) : std::nan("")});
    previous = std::move(hsv);
  }
  return frames;
}

SceneList cuts_from_scores(const std::vector<FrameScore>& frames, double duration_s, double frames_per_second,
                           const DetectorSettings& settings) {
  SceneList list;
  const double fps = frames_per_second > 0 ? frames_per_second : 25.0;
  double scene_start = 0;
  int frames_since_cut = 0;
  const auto close_scene = [&](double end) {
    Scene scene;
    scene.index = static_cast<int>(list.scenes.size()) + 1;
    scene.start_s = scene_start;
    scene.end_s = end;
    list.scenes.push_back(scene);
    scene_start = end;
  };
  for (const auto& frame : frames) {
    ++frames_since_cut;
    if (!std::isnan(frame.score) && frames_since_cut >= settings.min_scene_frames &&
        frame.score >= settings.threshold) {
      close_scene(frame.time_s);
      frames_since_cut = 0;
    }
  }
  const double end = duration_s > 0 ? duration_s : (frames.empty() ? 0 : frames.back().time_s + 1 / fps);
  if (end > scene_start) close_scene(end);
  return list;
}

SceneList detect_scenes(VideoSource& video, const DetectorSettings& settings) {
  std::string error;
  const auto frames = score_frames(video, settings, std::numeric_limits<double>::infinity(), error);
  auto list = cuts_from_scores(frames, video.duration_s(), video.frames_per_second(), settings);
  if (!error.empty()) list.error = error;
  if (list.scenes.empty() && list.error.empty()) list.error = "no frames could be read";
  return list;
}

}  // namespace autocut::analyze
