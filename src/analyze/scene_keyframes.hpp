// A scene's keyframes in two halves. Decoding needs the job's one decoder, so it runs on the job's thread, scene after
// scene; what is made of the frames (the builtin measurements, the JPEGs a model will see) needs only the frames, so
// it runs on the thread that finishes the scene while the decoder goes on to the next one.
#pragma once

#include <string>
#include <vector>

#include "analyze/decoded_frame.hpp"
#include "analyze/frame_measures.hpp"
#include "analyze/scenes.hpp"

namespace autocut::analyze {

// The builtin analyzer's figures are taken at this size whatever size the model gets: the tags of a scene do not
// change with the policy's image size, and measuring costs a fifth of what it would at 768 px.
inline constexpr int kMeasureSide = 320;
// A scene's picture on a contact sheet: its middle keyframe, this size, as a JPEG file.
inline constexpr int kThumbnailSide = 320;

// The times within a scene to take keyframes at.
std::vector<double> keyframe_times(const Scene& scene, int frames_per_scene, double frames_per_second);

struct SceneFrames {
  std::vector<DecodedFrame> frames;  // in time order
  std::string error;                 // set when a frame could not be decoded
};

// `then_seek`: the next frame the source is asked for is reached by a seek (the scene ends a run of scenes one
// decoder goes through; VideoSource::decoded_at).
SceneFrames decode_keyframes(VideoSource& source, const Scene& scene, int frames_per_scene, bool then_seek = false);

struct EncodedKeyframes {
  std::vector<double> times_s;
  std::vector<std::string> jpegs;  // base64; empty unless asked for
  std::string thumbnail;           // JPEG bytes; empty unless asked for
  SceneDescription measured;
};

// `jpeg_max_side` 0: no JPEGs (no model will see them). `with_thumbnail`: the middle keyframe at kThumbnailSide too.
EncodedKeyframes encode_keyframes(const SceneFrames& scene, int jpeg_max_side, bool with_thumbnail = false);

}  // namespace autocut::analyze
