#include "analyze/video_source.hpp"

#include <algorithm>
#include <cmath>

#include "analyze/decoded_frame.hpp"
#include "analyze/frame_scaler.hpp"

namespace autocut::analyze {
namespace {

std::string describe(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// Without a keyframe index, decoding forward from the last frame is taken to be cheaper than a seek up to this far.
constexpr double kDecodeOnWithin = 1.0;

}  // namespace

struct VideoSource::Impl {
  libav::Format format;
  libav::Codec decoder;
  libav::Frame frame{av_frame_alloc()};
  libav::Frame kept{av_frame_alloc()};  // the newest frame at or before the target
  libav::Packet packet{av_packet_alloc()};
  FrameScaler scaler;
  int stream = -1;
  double time_base = 0;
  std::int64_t start_pts = 0;
  int decoded = 0;
  bool drained = false;
  std::optional<double> last_time;
  // Packets shown before this are not decoded unless other frames refer to them: they cannot be the target.
  std::int64_t skip_before = INT64_MIN;

  double frames_per_second() const {
    const auto rate = format->streams[stream]->avg_frame_rate;
    return rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0;
  }

  std::int64_t pts_of(double seconds) const { return start_pts + static_cast<std::int64_t>(seconds / time_base); }

  // Whether a keyframe lies after `from` and at or before `to`: then a seek gets there with less decoding.
  bool keyframe_between(double from, double to) const {
    auto* st = format->streams[stream];
    const int entry = av_index_search_timestamp(st, pts_of(to), AVSEEK_FLAG_BACKWARD);
    if (entry < 0) return to - from > kDecodeOnWithin;  // no index: guess by distance
    const AVIndexEntry* keyframe = avformat_index_get_entry(st, entry);
    return !keyframe || keyframe->timestamp > pts_of(from);
  }

  double seconds_of(const AVFrame& f) const {
    const auto pts = f.best_effort_timestamp == AV_NOPTS_VALUE ? f.pts : f.best_effort_timestamp;
    return pts == AV_NOPTS_VALUE ? 0.0 : static_cast<double>(pts - start_pts) * time_base;
  }

  // The next decoded frame into `frame`; false at the end of the stream (or when it breaks off).
  bool next_frame(std::string& error) {
    for (;;) {
      const int received = avcodec_receive_frame(decoder.get(), frame.get());
      if (received == 0) {
        ++decoded;
        return true;
      }
      if (received == AVERROR_EOF) return false;
      if (received != AVERROR(EAGAIN)) {
        error = "cannot decode: " + describe(received);
        return false;
      }
      if (drained) return false;
      const int read = av_read_frame(format.get(), packet.get());
      if (read < 0) {
        drained = true;
        avcodec_send_packet(decoder.get(), nullptr);  // drain what the decoder holds
        continue;
      }
      if (packet->stream_index == stream) {
        decoder->skip_frame =
            packet->pts != AV_NOPTS_VALUE && packet->pts < skip_before ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
        avcodec_send_packet(decoder.get(), packet.get());
      }
      av_packet_unref(packet.get());
    }
  }

  void seek(double seconds) {
    const auto target = start_pts + static_cast<std::int64_t>(seconds / time_base);
    av_seek_frame(format.get(), stream, target, AVSEEK_FLAG_BACKWARD);
    avcodec_flush_buffers(decoder.get());
    drained = false;
    av_frame_unref(kept.get());
  }

  Image scaled(const AVFrame& source, int max_side) {
    auto image = scaler.to_image(source, max_side, seconds_of(source));
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 7, 100)
    image.keyframe = (source.flags & AV_FRAME_FLAG_KEY) != 0;
#else
    image.keyframe = source.key_frame != 0;
#endif
    return image;
  }

  // Decodes to the frame on screen at `seconds` into `kept`; false with `error` set when there is none.
  bool decode_to(double seconds, std::string& error);
};

VideoSource::VideoSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoSource::~VideoSource() = default;

std::unique_ptr<VideoSource> VideoSource::open(const std::filesystem::path& path, std::string& error,
                                               int decoder_threads) {
  std::error_code status_error;
  if (!std::filesystem::is_regular_file(path, status_error)) {
    error = path.string() + " is not a readable file";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  AVFormatContext* format = nullptr;
  if (const int code = avformat_open_input(&format, path.c_str(), nullptr, nullptr); code < 0) {
    error = "cannot open " + path.filename().string() + ": " + describe(code);
    return nullptr;
  }
  impl->format.reset(format);
  if (const int code = avformat_find_stream_info(format, nullptr); code < 0) {
    error = path.filename().string() + " is not a video this build can read: " + describe(code);
    return nullptr;
  }
  const AVCodec* codec = nullptr;
  impl->stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
  if (impl->stream == AVERROR_STREAM_NOT_FOUND) {
    error = path.filename().string() + " has no video stream";
    return nullptr;
  }
  if (impl->stream < 0 || !codec) {
    const auto* parameters = impl->stream >= 0 ? format->streams[impl->stream]->codecpar : nullptr;
    error = path.filename().string() + ": no decoder for its video codec" +
            (parameters ? std::string(" (") + avcodec_get_name(parameters->codec_id) + ")" : std::string());
    return nullptr;
  }
  const auto* stream = format->streams[impl->stream];
  impl->decoder.reset(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(impl->decoder.get(), stream->codecpar);
  if (decoder_threads == kThreadsByFrameSize) {
    const long pixels = static_cast<long>(stream->codecpar->width) * stream->codecpar->height;
    decoder_threads = pixels >= 1280L * 720 ? 0 : 1;
  }
  impl->decoder->thread_count = std::max(0, decoder_threads);
  if (const int code = avcodec_open2(impl->decoder.get(), codec, nullptr); code < 0) {
    error = "cannot open the " + std::string(codec->name) + " decoder: " + describe(code);
    return nullptr;
  }
  impl->time_base = av_q2d(stream->time_base);
  impl->start_pts = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
  return std::unique_ptr<VideoSource>(new VideoSource(std::move(impl)));
}

double VideoSource::duration_s() const {
  const auto* stream = impl_->format->streams[impl_->stream];
  if (stream->duration != AV_NOPTS_VALUE) return static_cast<double>(stream->duration) * impl_->time_base;
  if (impl_->format->duration != AV_NOPTS_VALUE) return static_cast<double>(impl_->format->duration) / AV_TIME_BASE;
  return 0;
}

double VideoSource::frames_per_second() const { return impl_->frames_per_second(); }

std::string VideoSource::codec_name() const { return impl_->decoder->codec->name; }

int VideoSource::frames_decoded() const { return impl_->decoded; }

bool VideoSource::keyframe_between(double from, double to) const { return impl_->keyframe_between(from, to); }

std::vector<double> VideoSource::keyframes() const {
  auto* st = impl_->format->streams[impl_->stream];
  std::vector<double> times;
  const int entries = avformat_index_get_entries_count(st);
  for (int i = 0; i < entries; ++i)
    if (const auto* entry = avformat_index_get_entry(st, i); entry && (entry->flags & AVINDEX_KEYFRAME))
      times.push_back(static_cast<double>(entry->timestamp - impl_->start_pts) * impl_->time_base);
  std::sort(times.begin(), times.end());
  return times;
}

void VideoSource::seek_to(double seconds) {
  impl_->seek(seconds);
  impl_->last_time.reset();
}

bool VideoSource::Impl::decode_to(double seconds, std::string& error) {
  // Half a frame of slack: a time that is not on a frame boundary takes the frame that covers it.
  const double slack = frames_per_second() > 0 ? 0.5 / frames_per_second() : 0.0;
  // Scenes come in order: within a GOP, decoding on from the last frame beats seeking back to its keyframe.
  const bool decode_on = last_time && seconds >= *last_time && !keyframe_between(*last_time, seconds);
  if (decode_on && kept->data[0] && *last_time + slack >= seconds) return true;
  if (!decode_on) seek(seconds);
  std::string decode_error;
  skip_before = pts_of(seconds - slack);
  while (next_frame(decode_error)) {
    av_frame_unref(kept.get());
    av_frame_move_ref(kept.get(), frame.get());
    if (seconds_of(*kept) + slack >= seconds) break;
  }
  skip_before = INT64_MIN;
  if (!kept->data[0]) {
    error = decode_error.empty() ? "no frame could be decoded at " + std::to_string(seconds) + " s (truncated?)"
                                 : decode_error;
    last_time.reset();
    return false;
  }
  last_time = seconds_of(*kept);
  return true;
}

std::optional<DecodedFrame> VideoSource::decoded_at(double seconds, std::string& error) {
  if (!impl_->decode_to(seconds, error)) return std::nullopt;
  return DecodedFrame(*impl_->kept, impl_->seconds_of(*impl_->kept));
}

std::optional<Image> VideoSource::frame_at(double seconds, int max_side, std::string& error) {
  if (!impl_->decode_to(seconds, error)) return std::nullopt;
  return impl_->scaled(*impl_->kept, max_side);
}

std::optional<Image> VideoSource::next_image(int max_side, std::string& error) {
  auto& d = *impl_;
  if (!d.next_frame(error)) return std::nullopt;
  av_frame_unref(d.kept.get());
  av_frame_move_ref(d.kept.get(), d.frame.get());
  auto image = d.scaled(*d.kept, max_side);
  d.last_time = image.time_s;
  return image;
}

}  // namespace autocut::analyze
