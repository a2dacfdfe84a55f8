#include "analyze/frame_decoder.hpp"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

#include "analyze/libav_handles.hpp"

namespace autocut::analyze {
namespace {

struct BufferUnref {
  void operator()(AVBufferRef* buffer) const { av_buffer_unref(&buffer); }
};
using Buffer = std::unique_ptr<AVBufferRef, BufferUnref>;

// The codec context every decoder starts from: the stream's parameters, its decoder.
libav::Codec context_for(const AVStream& stream, const AVCodec*& codec, std::string& error) {
  codec = avcodec_find_decoder(stream.codecpar->codec_id);
  if (!codec) {
    error = std::string("no decoder for ") + avcodec_get_name(stream.codecpar->codec_id);
    return nullptr;
  }
  libav::Codec context(avcodec_alloc_context3(codec));
  if (!context || avcodec_parameters_to_context(context.get(), stream.codecpar) < 0) {
    error = "cannot set up the " + std::string(codec->name) + " decoder";
    return nullptr;
  }
  return context;
}

class SoftwareDecoder : public FrameDecoder {
 public:
  explicit SoftwareDecoder(libav::Codec context) : context_(std::move(context)) {}
  int send(const AVPacket* packet) override { return avcodec_send_packet(context_.get(), packet); }
  int receive(AVFrame* frame) override { return avcodec_receive_frame(context_.get(), frame); }
  void flush() override { avcodec_flush_buffers(context_.get()); }
  void skip(AVDiscard which) override { context_->skip_frame = which; }
  std::string name() const override { return context_->codec->name; }
  bool hardware() const override { return false; }

 private:
  libav::Codec context_;
};

class HardwareDecoder : public FrameDecoder {
 public:
  HardwareDecoder(std::string hwaccel, AVPixelFormat device_format)
      : hwaccel_(std::move(hwaccel)), device_format_(device_format) {}

  bool open(libav::Codec context, const AVCodec* codec, Buffer device, std::string& error) {
    context_ = std::move(context);
    device_ = std::move(device);
    context_->hw_device_ctx = av_buffer_ref(device_.get());
    context_->opaque = this;
    context_->get_format = &HardwareDecoder::pick_format;
    if (const int code = avcodec_open2(context_.get(), codec, nullptr); code < 0) {
      error = "cannot open the " + std::string(codec->name) + " decoder on " + hwaccel_ + ": " + describe_error(code);
      return false;
    }
    return true;
  }

  int send(const AVPacket* packet) override { return avcodec_send_packet(context_.get(), packet); }
  int receive(AVFrame* frame) override {
    const int code = avcodec_receive_frame(context_.get(), on_device_.get());
    if (code < 0) return code;
    if (on_device_->format != device_format_) {
      av_frame_move_ref(frame, on_device_.get());
      return 0;
    }
    int moved = av_hwframe_transfer_data(frame, on_device_.get(), 0);
    if (moved >= 0) moved = av_frame_copy_props(frame, on_device_.get());
    av_frame_unref(on_device_.get());
    return moved;
  }
  void flush() override { avcodec_flush_buffers(context_.get()); }
  void skip(AVDiscard which) override { context_->skip_frame = which; }
  std::string name() const override { return std::string(context_->codec->name) + " on " + hwaccel_; }
  bool hardware() const override { return true; }

 private:
  // The device's format or nothing: a stream the device does not take (a profile or depth it lacks, also one that
  // changes mid-file) must fail, for the source to fall back in the open.
  static AVPixelFormat pick_format(AVCodecContext* context, const AVPixelFormat* offered) {
    const auto* self = static_cast<const HardwareDecoder*>(context->opaque);
    for (const auto* format = offered; *format != AV_PIX_FMT_NONE; ++format)
      if (*format == self->device_format_) return *format;
    return AV_PIX_FMT_NONE;
  }

  std::string hwaccel_;
  AVPixelFormat device_format_;
  Buffer device_;
  libav::Codec context_;
  libav::Frame on_device_{av_frame_alloc()};
};

}  // namespace

std::unique_ptr<FrameDecoder> open_software_decoder(const AVStream& stream, int threads, std::string& error) {
  const AVCodec* codec = nullptr;
  auto context = context_for(stream, codec, error);
  if (!context) return nullptr;
  context->thread_count = std::max(0, threads);
  if (const int code = avcodec_open2(context.get(), codec, nullptr); code < 0) {
    error = "cannot open the " + std::string(codec->name) + " decoder: " + describe_error(code);
    return nullptr;
  }
  return std::make_unique<SoftwareDecoder>(std::move(context));
}

std::unique_ptr<FrameDecoder> open_hardware_decoder(const AVStream& stream, const std::string& hwaccel,
                                                    std::string& error) {
  const auto type = av_hwdevice_find_type_by_name(hwaccel.c_str());
  if (type == AV_HWDEVICE_TYPE_NONE) {
    error = "this build of libavutil knows no " + hwaccel + " devices";
    return nullptr;
  }
  const AVCodec* codec = nullptr;
  auto context = context_for(stream, codec, error);
  if (!context) return nullptr;
  AVPixelFormat device_format = AV_PIX_FMT_NONE;
  for (int i = 0;; ++i) {
    const auto* config = avcodec_get_hw_config(codec, i);
    if (!config) break;
    if ((config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) && config->device_type == type) {
      device_format = config->pix_fmt;
      break;
    }
  }
  if (device_format == AV_PIX_FMT_NONE) {
    error = "the " + std::string(codec->name) + " decoder has no " + hwaccel + " path";
    return nullptr;
  }
  AVBufferRef* device = nullptr;
  if (const int code = av_hwdevice_ctx_create(&device, type, nullptr, nullptr, 0); code < 0) {
    error = "no " + hwaccel + " device: " + describe_error(code);
    return nullptr;
  }
  auto decoder = std::make_unique<HardwareDecoder>(hwaccel, device_format);
  if (!decoder->open(std::move(context), codec, Buffer(device), error)) return nullptr;
  return decoder;
}

std::string describe_error(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

std::string decode_sample_of(const AVCodecParameters& parameters) {
  const auto* pixels = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(parameters.format));
  const int depth = pixels ? pixels->comp[0].depth : 8;
  return std::string(avcodec_get_name(parameters.codec_id)) + " " + std::to_string(depth) + "-bit";
}

}  // namespace autocut::analyze
