// A base64 JPEG, as a vision API receives it, decoded back to RGB pixels with FFmpeg's own decoder: what a model
// would see. For the analysis tests only (they link FFmpeg through the worker's library).
#pragma once

#include <optional>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/base64.h>
}

#include "analyze/frame_scaler.hpp"

namespace autocut::testing {

inline std::optional<analyze::Image> jpeg_pixels(const std::string& base64) {
  using namespace analyze;
  std::vector<std::uint8_t> bytes(AV_BASE64_DECODE_SIZE(base64.size()) + AV_INPUT_BUFFER_PADDING_SIZE, 0);
  const int size = av_base64_decode(bytes.data(), base64.c_str(), static_cast<int>(bytes.size()));
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
  if (size <= 0 || !codec) return std::nullopt;
  libav::Codec decoder(avcodec_alloc_context3(codec));
  if (avcodec_open2(decoder.get(), codec, nullptr) < 0) return std::nullopt;
  libav::Packet packet(av_packet_alloc());
  packet->data = bytes.data();
  packet->size = size;
  libav::Frame frame(av_frame_alloc());
  if (avcodec_send_packet(decoder.get(), packet.get()) < 0 || avcodec_receive_frame(decoder.get(), frame.get()) < 0)
    return std::nullopt;
  FrameScaler scaler;
  return scaler.to_image(*frame, std::max(frame->width, frame->height), 0);
}

}  // namespace autocut::testing
