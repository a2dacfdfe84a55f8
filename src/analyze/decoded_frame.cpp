#include "analyze/decoded_frame.hpp"

#include <new>

#include "analyze/frame_scaler.hpp"
#include "analyze/jpeg.hpp"

namespace autocut::analyze {

void DecodedFrame::Release::operator()(AVFrame* frame) const { av_frame_free(&frame); }

DecodedFrame::DecodedFrame(const AVFrame& frame, double time_s) : frame_(av_frame_alloc()), time_s_(time_s) {
  if (!frame_ || av_frame_ref(frame_.get(), &frame) < 0) throw std::bad_alloc();
}

DecodedFrame::~DecodedFrame() = default;
DecodedFrame::DecodedFrame(DecodedFrame&&) noexcept = default;
DecodedFrame& DecodedFrame::operator=(DecodedFrame&&) noexcept = default;

std::size_t DecodedFrame::bytes() const {
  std::size_t total = 0;
  for (const auto* buffer : frame_->buf)
    if (buffer) total += buffer->size;
  return total;
}

Image DecodedFrame::to_image(int max_side) const {
  FrameScaler scaler;
  return scaler.to_image(*frame_, max_side, time_s_);
}

std::string DecodedFrame::jpeg_base64(int max_side, int quality) const {
  return analyze::jpeg_base64(*frame_, max_side, quality);
}

std::string DecodedFrame::jpeg(int max_side, int quality) const { return analyze::jpeg(*frame_, max_side, quality); }

}  // namespace autocut::analyze
