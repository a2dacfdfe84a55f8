#include "analyze/scene_keyframes.hpp"

#include <algorithm>
#include <optional>

namespace autocut::analyze {

std::vector<double> keyframe_times(const Scene& scene, int frames_per_scene, double frames_per_second) {
  const double middle = (scene.start_s + scene.end_s) / 2;
  if (frames_per_scene < 3) return {middle};
  // A frame in from each edge: the first and last frames of a scene are where cuts and fades blur.
  const double frame = frames_per_second > 0 ? 1.0 / frames_per_second : 0.04;
  const double inset = std::min((scene.end_s - scene.start_s) / 4, std::max(frame, 0.1));
  return {scene.start_s + inset, middle, scene.end_s - inset};
}

SceneFrames decode_keyframes(VideoSource& source, const Scene& scene, int frames_per_scene, bool then_seek) {
  SceneFrames result;
  const auto times = keyframe_times(scene, frames_per_scene, source.frames_per_second());
  for (const double at : times) {
    auto frame = source.decoded_at(at, result.error, then_seek && at == times.back());
    if (!frame) return result;
    result.frames.push_back(std::move(*frame));
  }
  return result;
}

EncodedKeyframes encode_keyframes(const SceneFrames& scene, int jpeg_max_side, bool with_thumbnail) {
  EncodedKeyframes encoded;
  std::vector<FrameMeasures> measures;
  std::vector<double> motions;
  std::optional<Image> previous;
  for (const auto& frame : scene.frames) {
    encoded.times_s.push_back(frame.time_s());
    auto image = frame.to_image(kMeasureSide);
    measures.push_back(measure_frame(image));
    if (previous) motions.push_back(motion_between(*previous, image));
    if (jpeg_max_side > 0) encoded.jpegs.push_back(frame.jpeg_base64(jpeg_max_side));
    previous = std::move(image);
  }
  encoded.measured = describe_scene(measures, motions);
  if (with_thumbnail && !scene.frames.empty())
    encoded.thumbnail = scene.frames[scene.frames.size() / 2].jpeg(kThumbnailSide, 5);
  return encoded;
}

}  // namespace autocut::analyze
