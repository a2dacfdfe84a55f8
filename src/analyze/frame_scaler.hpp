// Converts pictures between pixel formats and sizes with libswscale, keeping its context while the shapes stay the
// same (a new context costs more than converting a small frame). The source's colour range is taken from the frame,
// so full-range video is not stretched twice. Not thread-safe: one per thread.
// Pictures that are measured (scene detection, the builtin analyzer) are shrunk by area averaging: it smooths noise
// as a shrink should and costs 0.2 ms a frame where bicubic costs 0.5 (640×360 to 128 px, the detector's size).
// Pictures a model sees are scaled bicubic, as ffmpeg does by default.
// A shrink into RGB is done in two steps, the picture first shrunk in its own pixel format and only then converted:
// libswscale's direct path filters every source line through its RGB converter, and the two steps cost half as much
// (0.069 ms a frame against 0.118, 640×360 yuv420p to 128×72) for the same averaging.
#pragma once

#include <utility>

#include "analyze/libav_handles.hpp"
#include "analyze/video_source.hpp"

namespace autocut::analyze {

// The size a `width`×`height` picture takes when its longer side is at most `max_side`: even, never upscaled.
std::pair<int, int> fitted_size(int width, int height, int max_side);

class FrameScaler {
 public:
  explicit FrameScaler(int sws_flags = SWS_AREA) : flags_(sws_flags) {}

  // Scales `source` into `target`, whose width, height and format must be set and its buffers allocated.
  bool scale(const AVFrame& source, AVFrame& target);
  // The frame as RGB, its longer side at most `max_side`.
  Image to_image(const AVFrame& source, int max_side, double time_s);

 private:
  SwsContext* context_for(const AVFrame& source, int width, int height, AVPixelFormat format);
  // `source` shrunk to `width`×`height` in its own pixel format and colour range, in `small_`; null when it cannot be.
  const AVFrame* shrunk(const AVFrame& source, int width, int height);
  int flags_;
  libav::Scaler context_;
  libav::Scaler shrink_;
  libav::Frame small_;
};

}  // namespace autocut::analyze
