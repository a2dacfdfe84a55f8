#include "analyze/jpeg.hpp"

#include "analyze/libav_handles.hpp"

extern "C" {
#include <libavutil/base64.h>
#include <libavutil/log.h>
}

#include <memory>
#include <vector>

namespace autocut::analyze {

std::string jpeg_base64(const Image& image, int quality) {
  // libswscale warns that YUVJ420P is deprecated; it is still what mjpeg in FFmpeg 5.1 takes for full range.
  static const bool quiet = [] {
    av_log_set_level(AV_LOG_ERROR);
    return true;
  }();
  (void)quiet;
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
  if (!codec || image.width <= 0 || image.height <= 0) return {};
  libav::Codec encoder(avcodec_alloc_context3(codec));
  encoder->width = image.width;
  encoder->height = image.height;
  encoder->pix_fmt = AV_PIX_FMT_YUVJ420P;  // full range, as JPEG viewers expect
  encoder->color_range = AVCOL_RANGE_JPEG;
  encoder->time_base = {1, 25};
  encoder->flags |= AV_CODEC_FLAG_QSCALE;
  encoder->global_quality = FF_QP2LAMBDA * quality;
  if (avcodec_open2(encoder.get(), codec, nullptr) < 0) return {};

  libav::Frame frame(av_frame_alloc());
  frame->width = image.width;
  frame->height = image.height;
  frame->format = AV_PIX_FMT_YUVJ420P;
  frame->quality = encoder->global_quality;
  if (av_frame_get_buffer(frame.get(), 0) < 0) return {};
  libav::Scaler scaler(sws_getContext(image.width, image.height, AV_PIX_FMT_RGB24, image.width, image.height,
                                      AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
  const std::uint8_t* source[4] = {image.rgb.data(), nullptr, nullptr, nullptr};
  const int strides[4] = {image.width * 3, 0, 0, 0};
  sws_scale(scaler.get(), source, strides, 0, image.height, frame->data, frame->linesize);

  libav::Packet packet(av_packet_alloc());
  std::vector<std::uint8_t> bytes;
  if (avcodec_send_frame(encoder.get(), frame.get()) < 0) return {};
  avcodec_send_frame(encoder.get(), nullptr);
  while (avcodec_receive_packet(encoder.get(), packet.get()) == 0) {
    bytes.insert(bytes.end(), packet->data, packet->data + packet->size);
    av_packet_unref(packet.get());
  }
  if (bytes.empty()) return {};
  std::string text(AV_BASE64_SIZE(bytes.size()), '\0');
  if (!av_base64_encode(text.data(), static_cast<int>(text.size()), bytes.data(), static_cast<int>(bytes.size())))
    return {};
  text.resize(text.find('\0'));
  return text;
}

}  // namespace autocut::analyze
