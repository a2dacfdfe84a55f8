#include "analyze/frame_scaler.hpp"

#include <algorithm>
#include <cmath>

namespace autocut::analyze {

std::pair<int, int> fitted_size(int width, int height, int max_side) {
  const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(width, height));
  return {std::max(2, static_cast<int>(std::lround(width * scale)) & ~1),
          std::max(2, static_cast<int>(std::lround(height * scale)) & ~1)};
}

SwsContext* FrameScaler::context_for(const AVFrame& source, int width, int height, AVPixelFormat format) {
  const auto source_format = static_cast<AVPixelFormat>(source.format);
  context_.reset(sws_getCachedContext(context_.release(), source.width, source.height, source_format, width, height,
                                      format, flags_, nullptr, nullptr, nullptr));
  if (!context_) return nullptr;
  // libswscale reads the range from the format's name (yuvj… is full); a yuv420p frame may say otherwise.
  int* table_in = nullptr;
  int* table_out = nullptr;
  int range_in = 0, range_out = 0, brightness = 0, contrast = 0, saturation = 0;
  if (source.color_range != AVCOL_RANGE_UNSPECIFIED &&
      sws_getColorspaceDetails(context_.get(), &table_in, &range_in, &table_out, &range_out, &brightness, &contrast,
                               &saturation) >= 0) {
    const int full = source.color_range == AVCOL_RANGE_JPEG ? 1 : 0;
    if (full != range_in)
      sws_setColorspaceDetails(context_.get(), table_in, full, table_out, range_out, brightness, contrast, saturation);
  }
  return context_.get();
}

bool FrameScaler::scale(const AVFrame& source, AVFrame& target) {
  auto* context = context_for(source, target.width, target.height, static_cast<AVPixelFormat>(target.format));
  return context &&
         sws_scale(context, source.data, source.linesize, 0, source.height, target.data, target.linesize) > 0;
}

const AVFrame* FrameScaler::shrunk(const AVFrame& source, int width, int height) {
  const auto format = static_cast<AVPixelFormat>(source.format);
  if (!small_ || small_->width != width || small_->height != height || small_->format != format) {
    small_.reset(av_frame_alloc());
    if (!small_) return nullptr;
    small_->width = width;
    small_->height = height;
    small_->format = format;
    if (av_frame_get_buffer(small_.get(), 0) < 0) {
      small_.reset();
      return nullptr;
    }
  }
  // Same format in and out: libswscale converts no range here, the step after reads it from the frame.
  shrink_.reset(sws_getCachedContext(shrink_.release(), source.width, source.height, format, width, height, format,
                                     flags_, nullptr, nullptr, nullptr));
  if (!shrink_ ||
      sws_scale(shrink_.get(), source.data, source.linesize, 0, source.height, small_->data, small_->linesize) <= 0)
    return nullptr;
  small_->color_range = source.color_range;
  small_->colorspace = source.colorspace;
  return small_.get();
}

Image FrameScaler::to_image(const AVFrame& source, int max_side, double time_s) {
  const auto [width, height] = fitted_size(source.width, source.height, max_side);
  Image image;
  image.time_s = time_s;
  const bool shrinking =
      width < source.width && height < source.height && static_cast<AVPixelFormat>(source.format) != AV_PIX_FMT_RGB24;
  const AVFrame* from = shrinking ? shrunk(source, width, height) : &source;
  if (!from) from = &source;
  auto* context = context_for(*from, width, height, AV_PIX_FMT_RGB24);
  if (!context) return image;
  image.width = width;
  image.height = height;
  image.rgb.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  std::uint8_t* planes[4] = {image.rgb.data(), nullptr, nullptr, nullptr};
  int strides[4] = {width * 3, 0, 0, 0};
  sws_scale(context, from->data, from->linesize, 0, from->height, planes, strides);
  return image;
}

}  // namespace autocut::analyze
