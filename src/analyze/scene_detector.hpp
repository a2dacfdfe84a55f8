// Content-based scene detection in the spirit of PySceneDetect's ContentDetector: the mean absolute change of hue,
// saturation and value between consecutive frames (each weighted 1, edges 0); a cut where it reaches the threshold
// (27 by default) at least `min_scene_frames` (15) after the previous one. Frames are compared small (the longer
// side at 128 px by default), which changes the scores little and the cost a lot.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyze/scenes.hpp"
#include "analyze/video_source.hpp"

namespace autocut::analyze {

struct DetectorSettings {
  double threshold = 27.0;
  int min_scene_frames = 15;
  int analysis_side = 128;
};

// A frame in OpenCV's 8-bit HSV, as PySceneDetect gets it from cv2.cvtColor: H 0–179, S and V 0–255, interleaved.
// Each frame is converted once and compared with the next.
struct HsvFrame {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> hsv;
};

HsvFrame to_hsv(const Image& image);

// The content score between two frames of the same size: mean |Δ| of H, S and V, averaged over the three.
double content_score(const HsvFrame& previous, const HsvFrame& current);

// Reads the whole video from the start. Scenes cover it end to end; `error` is set (and the scenes found so far
// returned) when the stream breaks off.
SceneList detect_scenes(VideoSource& video, const DetectorSettings& settings = {});

}  // namespace autocut::analyze
