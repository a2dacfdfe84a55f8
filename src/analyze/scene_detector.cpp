#include "analyze/scene_detector.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace autocut::analyze {
namespace {

// OpenCV's 8-bit HSV, as PySceneDetect gets from cv2.cvtColor: H in 0–179, S and V in 0–255.
std::array<double, 3> hsv(const std::uint8_t* rgb) {
  const double r = rgb[0], g = rgb[1], b = rgb[2];
  const double high = std::max({r, g, b}), low = std::min({r, g, b}), range = high - low;
  double hue = 0;
  if (range > 0) {
    if (high == r)
      hue = 60 * std::fmod((g - b) / range, 6.0);
    else if (high == g)
      hue = 60 * ((b - r) / range + 2);
    else
      hue = 60 * ((r - g) / range + 4);
    if (hue < 0) hue += 360;
  }
  return {hue / 2, high > 0 ? 255 * range / high : 0, high};
}

}  // namespace

double content_score(const Image& previous, const Image& current) {
  if (previous.width != current.width || previous.height != current.height || previous.rgb.empty()) return 0;
  const std::size_t pixels = previous.rgb.size() / 3;
  std::array<double, 3> sums{};
  for (std::size_t i = 0; i < pixels; ++i) {
    const auto a = hsv(&previous.rgb[i * 3]);
    const auto b = hsv(&current.rgb[i * 3]);
    for (std::size_t c = 0; c < 3; ++c) sums[c] += std::abs(a[c] - b[c]);
  }
  return (sums[0] + sums[1] + sums[2]) / (3.0 * static_cast<double>(pixels));
}

SceneList detect_scenes(VideoSource& video, const DetectorSettings& settings) {
  SceneList list;
  std::string error;
  const double duration = video.duration_s();
  const double fps = video.frames_per_second() > 0 ? video.frames_per_second() : 25.0;
  std::optional<Image> previous;
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
  for (;;) {
    auto image = video.next_image(settings.analysis_side, error);
    if (!image) break;
    ++frames_since_cut;
    if (previous && frames_since_cut >= settings.min_scene_frames &&
        content_score(*previous, *image) >= settings.threshold) {
      close_scene(image->time_s);
      frames_since_cut = 0;
    }
    previous = std::move(image);
  }
  const double end = duration > 0 ? duration : (previous ? previous->time_s + 1 / fps : 0);
  if (end > scene_start) close_scene(end);
  if (!error.empty()) list.error = error;
  if (list.scenes.empty() && list.error.empty()) list.error = "no frames could be read";
  return list;
}

}  // namespace autocut::analyze
