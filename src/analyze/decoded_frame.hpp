// A frame as the decoder gave it (its pixel format, its full size), shared with the decoder rather than copied: it
// can leave the decoding thread and be turned into an RGB image or a JPEG elsewhere. Move-only.
#pragma once

#include <memory>
#include <string>

#include "analyze/video_source.hpp"

struct AVFrame;

namespace autocut::analyze {

class DecodedFrame {
 public:
  // Takes a new reference to `frame`'s buffers.
  DecodedFrame(const AVFrame& frame, double time_s);
  ~DecodedFrame();
  DecodedFrame(DecodedFrame&&) noexcept;
  DecodedFrame& operator=(DecodedFrame&&) noexcept;

  double time_s() const { return time_s_; }
  std::size_t bytes() const;  // the pixel memory it holds on to

  // RGB, its longer side at most `max_side` (a scaler of its own: callers on several threads do not share one).
  Image to_image(int max_side) const;
  // JPEG straight from the decoder's pixels, one conversion: empty on failure; `quality` 2 (best) to 31.
  std::string jpeg_base64(int max_side, int quality = 4) const;
  std::string jpeg(int max_side, int quality = 4) const;  // the bytes of that JPEG, as a file holds them

 private:
  struct Release {
    void operator()(AVFrame* frame) const;
  };
  std::unique_ptr<AVFrame, Release> frame_;
  double time_s_ = 0;
};

}  // namespace autocut::analyze
