// One video stream's decoder, behind one face whether it runs in software or on a GPU's decoder (libav's
// hw_device_ctx): frames always come out in system memory, so measuring, scaling and JPEGs never see the difference.
// A video source falls back from a failing hardware decoder to software (analyze/video_source.cpp); this is the seam
// that fall is tested through.
#pragma once

#include <functional>
#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

namespace autocut::analyze {

class FrameDecoder {
 public:
  virtual ~FrameDecoder() = default;
  // avcodec_send_packet's and avcodec_receive_frame's contracts and codes; a frame received is in system memory.
  virtual int send(const AVPacket* packet) = 0;
  virtual int receive(AVFrame* frame) = 0;
  virtual void flush() = 0;
  virtual void skip(AVDiscard which) = 0;  // the frames not decoded unless others refer to them
  virtual std::string name() const = 0;    // "h264", "h264 on cuda"
  virtual bool hardware() const = 0;
};

// `threads`: 0, as many as the machine has; 1 or more, that many.
std::unique_ptr<FrameDecoder> open_software_decoder(const AVStream& stream, int threads, std::string& error);
// On the device of `hwaccel` ("cuda", "vaapi", "qsv", "vulkan", "d3d11va"): null, with `error` saying why, when this
// build, this codec or this machine has no such path. A stream whose format the device then refuses fails to decode
// (it is not quietly decoded in software behind the hardware's name).
std::unique_ptr<FrameDecoder> open_hardware_decoder(const AVStream& stream, const std::string& hwaccel,
                                                    std::string& error);

// Which hardware decoder a stream gets, if any: null with `error` saying why not.
using HardwareDecoderChoice = std::function<std::unique_ptr<FrameDecoder>(const AVStream&, std::string& error)>;

// An FFmpeg error code in FFmpeg's words ("Invalid data found when processing input").
std::string describe_error(int code);

// The trial sample a stream is ("h264 8-bit", "hevc 10-bit": ffmpeg's codec name and the bit depth of its pixels),
// to be matched against the decode trials.
std::string decode_sample_of(const AVCodecParameters& parameters);

}  // namespace autocut::analyze
