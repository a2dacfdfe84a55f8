// Frames of one video by time, with FFmpeg's libraries: one demuxer and one decoder per video, scenes visited in
// order. A request seeks to the keyframe at or before the time and decodes forward to the exact frame; a request a
// little ahead of the last one decodes on without seeking. Not thread-safe: one job owns a source.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyze/frame_decoder.hpp"

namespace autocut::analyze {

class DecodedFrame;

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3, rows top to bottom
  double time_s = 0;              // the frame's presentation time
  bool keyframe = false;          // a frame decoding can start from
};

class VideoSource {
 public:
  // Threads for seeking to scattered frames, chosen by frame size: below 1280×720 one thread (a frame-threaded
  // decoder refills its pipeline after every seek and loses more than it gains: 640×360, 20 scenes, 311–424 ms
  // alone against 361–440 ms with two), from 720p on as many as the machine has (1280×720: 440–610 ms against
  // 399–470; 1920×1080: 1117–1243 against 926–933; 2-core machine).
  static constexpr int kThreadsByFrameSize = -1;

  // Nullptr with `error` set when the file is missing, unreadable, not a video or in a codec this build lacks.
  // `decoder_threads`: kThreadsByFrameSize for keyframes; 0, as many as the machine has, suits one pass through
  // the whole video (scene detection); 1 or more, that many. `hardware`, when given, is asked first; where it
  // gives no decoder, software decodes and hardware_refused() says why.
  static std::unique_ptr<VideoSource> open(const std::filesystem::path& path, std::string& error,
                                           int decoder_threads = kThreadsByFrameSize,
                                           const HardwareDecoderChoice& hardware = {});
  ~VideoSource();
  VideoSource(const VideoSource&) = delete;
  VideoSource& operator=(const VideoSource&) = delete;

  double duration_s() const;
  double frames_per_second() const;
  std::string codec_name() const;
  std::string decoding() const;  // the decoder now: "h264", "h264 on cuda"
  const std::optional<std::string>& hardware_refused() const;
  // Set once a hardware decoder failed and software took over mid-file, the frames already given kept: when, and why.
  const std::optional<std::string>& fell_back() const;
  int frames_decoded() const;  // since opening: what seeking saved or cost
  int packets_fed() const;     // given to the decoder since opening: what draining (decoded_at's then_seek) spared
  // Whether a keyframe lies after `from` and at or before `to` (from the container's index; without one, a guess by
  // distance): a decoder sent to `to` then starts there, and decodes nothing at or before `from`.
  bool keyframe_between(double from, double to) const;
  // The keyframes the container's index lists, in seconds, in order; empty without an index.
  std::vector<double> keyframes() const;
  // The bytes of the stream's packets before `seconds`, from the index (0 without one): what decoding a stretch of
  // the video costs, nearer than its length, since a busy shot takes many times the bytes of a still one.
  std::uint64_t bytes_before(double seconds) const;
  // Goes back to the keyframe at or before `seconds`: next_image() then gives the frames from there on.
  void seek_to(double seconds);

  // The frame on screen at `seconds` (the one whose display interval holds it; the last one when `seconds` is past
  // the end), scaled so that its longer side is at most `max_side`. Nullopt with `error` set when the stream breaks off
  // before any frame (truncated).
  std::optional<Image> frame_at(double seconds, int max_side, std::string& error);
  // The same frame as the decoder gave it, to be converted elsewhere (another thread). `then_seek`: the next frame
  // asked for is one a seek reaches (a keyframe lies between, or none is asked), so the decoder need not be fed past
  // this one to give it up: it is drained as soon as every frame up to it is in, and frames after it that nothing
  // refers to are not decoded. The next call then seeks.
  std::optional<DecodedFrame> decoded_at(double seconds, std::string& error, bool then_seek = false);
  // The frame after the last one decoded (the first after opening); nullopt at the end, with `error` set only when
  // the stream broke off.
  std::optional<Image> next_image(int max_side, std::string& error);

 private:
  struct Impl;
  explicit VideoSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace autocut::analyze
