// A keyframe as a JPEG, base64-encoded, the way vision APIs take images (FFmpeg's mjpeg encoder and base64).
#pragma once

#include <string>

#include "analyze/video_source.hpp"

struct AVFrame;

namespace autocut::analyze {

// Empty on failure (an encoder this build lacks); `quality` 2 (best) to 31, as ffmpeg's -q:v.
std::string jpeg_base64(const Image& image, int quality = 4);
// From a decoded frame in any pixel format, its longer side at most `max_side`: one conversion, no RGB on the way.
std::string jpeg_base64(const AVFrame& frame, int max_side, int quality = 4);
// The same JPEG's bytes, as a file holds them.
std::string jpeg(const AVFrame& frame, int max_side, int quality = 4);

}  // namespace autocut::analyze
