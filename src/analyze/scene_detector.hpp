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

// Each frame's time and its content score against the frame before (none for the first: NaN).
struct FrameScore {
  double time_s = 0;
  double score = 0;
};

// The cuts over frames scored in order: where the score reaches the threshold at least min_scene_frames after the
// last cut. Scenes cover [0, end) end to end (`end`: the video's duration, or past the last frame when unknown).
SceneList cuts_from_scores(const std::vector<FrameScore>& frames, double duration_s, double frames_per_second,
                           const DetectorSettings& settings);

// Scores frames from where `video` stands (from its first keyframe on, with `from_a_keyframe`) until one shown at or
// after `stop_at_s` (not scored) or the end. `error` is set when the stream breaks off.
std::vector<FrameScore> score_frames(VideoSource& video, const DetectorSettings& settings, double stop_at_s,
                                     std::string& error, bool from_a_keyframe = false);

// Reads the whole video from the start. Scenes cover it end to end; `error` is set (and the scenes found so far
// returned) when the stream breaks off.
SceneList detect_scenes(VideoSource& video, const DetectorSettings& settings = {});

}  // namespace autocut::analyze
