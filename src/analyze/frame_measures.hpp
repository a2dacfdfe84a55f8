// What the builtin analyzer measures in a keyframe and between two, and the words it makes of them. No model:
// real figures (brightness, contrast, colourfulness, sharpness, dominant colours, motion) turned into a short,
// honest description. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyze/video_source.hpp"

namespace autocut::analyze {

struct DominantColour {
  std::string hex;  // "#1e40af"
  double share = 0;
};

struct FrameMeasures {
  double brightness = 0;                 // mean luma, 0 to 1
  double contrast = 0;                   // RMS contrast of luma, 0 to 1
  double colourfulness = 0;              // Hasler and Süsstrunk's M (0 grey … 100+ vivid)
  double sharpness = 0;                  // variance of the luma Laplacian
  bool vertical_bands = false;           // columns uniform top to bottom and differing across (test cards, colour bars)
  std::vector<DominantColour> dominant;  // up to three, largest first
};

FrameMeasures measure_frame(const Image& image);

// Mean absolute luma difference, 0 to 1; the second image is compared at the first one's size.
double motion_between(const Image& a, const Image& b);

// A scene's figures: the mean over its keyframes, the largest motion between two, the first keyframe's colours.
struct SceneMeasurements {
  double brightness = 0;
  double contrast = 0;
  double colourfulness = 0;
  double sharpness = 0;
  std::optional<double> motion;  // with two keyframes or more
  std::vector<DominantColour> colours;
};

struct SceneDescription {
  std::string text;
  std::vector<std::string> tags;  // "dark", "bright", "black", "blank", "flash", "colour bars", "static shot", …
  SceneMeasurements measurements;
};

// `frames` in time order. Says that it is a heuristic.
SceneDescription describe_scene(const std::vector<FrameMeasures>& frames, const std::vector<double>& motions);

}  // namespace autocut::analyze
