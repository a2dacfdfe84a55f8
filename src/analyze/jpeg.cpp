#include "analyze/jpeg.hpp"

#include "analyze/frame_scaler.hpp"

extern "C" {
#include <libavutil/base64.h>
#include <libavutil/log.h>
}

namespace autocut::analyze {
namespace {

// `picture` in full-range YUV 4:2:0, as JPEG viewers expect it.
std::string encode(AVFrame& picture, int quality) {
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
  if (!codec) return {};
  libav::Codec encoder(avcodec_alloc_context3(codec));
  if (!encoder) return {};
  encoder->width = picture.width;
  encoder->height = picture.height;
  encoder->pix_fmt = AV_PIX_FMT_YUVJ420P;
  encoder->color_range = AVCOL_RANGE_JPEG;
  encoder->time_base = {1, 25};
  encoder->flags |= AV_CODEC_FLAG_QSCALE;
  encoder->global_quality = FF_QP2LAMBDA * quality;
  if (avcodec_open2(encoder.get(), codec, nullptr) < 0) return {};

  picture.quality = encoder->global_quality;
  libav::Packet packet(av_packet_alloc());
  std::string bytes;
  if (!packet || avcodec_send_frame(encoder.get(), &picture) < 0) return {};
  avcodec_send_frame(encoder.get(), nullptr);
  while (avcodec_receive_packet(encoder.get(), packet.get()) == 0) {
    bytes.append(reinterpret_cast<const char*>(packet->data), static_cast<std::size_t>(packet->size));
    av_packet_unref(packet.get());
  }
  return bytes;
}

std::string base64(const std::string& bytes) {
  if (bytes.empty()) return {};
  std::string text(AV_BASE64_SIZE(bytes.size()), '\0');
  if (!av_base64_encode(text.data(), static_cast<int>(text.size()), reinterpret_cast<const std::uint8_t*>(bytes.data()),
                        static_cast<int>(bytes.size())))
    return {};
  text.resize(text.find('\0'));
  return text;
}

// `source` converted (and scaled) into a new full-range YUV 4:2:0 picture of `width`×`height`.
std::string convert_and_encode(const AVFrame& source, int width, int height, int quality) {
  // libswscale warns that YUVJ420P is deprecated; it is still what mjpeg in FFmpeg 5.1 takes for full range.
  static const bool quiet = [] {
    av_log_set_level(AV_LOG_ERROR);
    return true;
  }();
  (void)quiet;
  libav::Frame picture(av_frame_alloc());
  if (!picture || width <= 0 || height <= 0) return {};
  picture->width = width;
  picture->height = height;
  picture->format = AV_PIX_FMT_YUVJ420P;
  picture->color_range = AVCOL_RANGE_JPEG;
  if (av_frame_get_buffer(picture.get(), 0) < 0) return {};
  FrameScaler scaler(SWS_BICUBIC);
  if (!scaler.scale(source, *picture)) return {};
  return encode(*picture, quality);
}

}  // namespace

std::string jpeg_base64(const Image& image, int quality) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() < static_cast<std::size_t>(image.width) * image.height * 3)
    return {};
  // The image's pixels seen as a frame (borrowed, not owned: the frame holds no buffer references).
  libav::Frame rgb(av_frame_alloc());
  if (!rgb) return {};
  rgb->width = image.width;
  rgb->height = image.height;
  rgb->format = AV_PIX_FMT_RGB24;
  rgb->data[0] = const_cast<std::uint8_t*>(image.rgb.data());
  rgb->linesize[0] = image.width * 3;
  return base64(convert_and_encode(*rgb, image.width, image.height, quality));
}

std::string jpeg(const AVFrame& frame, int max_side, int quality) {
  const auto [width, height] = fitted_size(frame.width, frame.height, max_side);
  return convert_and_encode(frame, width, height, quality);
}

std::string jpeg_base64(const AVFrame& frame, int max_side, int quality) {
  return base64(jpeg(frame, max_side, quality));
}

}  // namespace autocut::analyze
