// Content-based scene detection in the spirit of PySceneDetect's ContentDetector: the mean absolute change of hue,
// saturation and value between consecutive frames (each weighted 1, edges 0); a cut where it reaches the threshold
// (27 by default) at least `min_scene_frames` (15) after the previous one. Frames are compared small (the longer
// side at 128 px by default), which changes the scores little and the cost a lot.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "analyze/scenes.hpp"
#include "analyze/video_source.hpp"

namespace autocut::analyze {

struct DetectorSettings {
  double threshold = 27.0;
  int min_scene_frames = 15;
  int analysis_side = 128;
};

// The content score between two frames of the same size: mean |Δ| of H, S and V on 0–255 scales, averaged.
double content_score(const Image& previous, const Image& current);

// Reads the whole video from the start. Scenes cover it end to end; `error` is set (and the scenes found so far
// returned) when the stream breaks off.
SceneList detect_scenes(VideoSource& video, const DetectorSettings& settings = {});

}  // namespace autocut::analyze
