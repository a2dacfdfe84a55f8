#include "analyze/video_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "analyze/decoded_frame.hpp"
#include "analyze/frame_decoder.hpp"
#include "analyze/frame_scaler.hpp"

namespace autocut::analyze {
namespace {

// Without a keyframe index, decoding forward from the last frame is taken to be cheaper than a seek up to this far.
constexpr double kDecodeOnWithin = 1.0;

}  // namespace

struct VideoSource::Impl {
  libav::Format format;
  std::unique_ptr<FrameDecoder> decoder;
  int software_threads = 1;  // for a fall from hardware
  libav::Frame frame{av_frame_alloc()};
  libav::Frame kept{av_frame_alloc()};  // the newest frame at or before the target
  libav::Packet packet{av_packet_alloc()};
  FrameScaler scaler;
  int stream = -1;
  double time_base = 0;
  std::int64_t start_pts = 0;
  int decoded = 0;
  int fed = 0;
  bool drained = false;
  std::optional<double> last_time;
  // Packets shown before this are not decoded unless other frames refer to them: they cannot be the target.
  std::int64_t skip_before = INT64_MIN;
  // Where decoding resumes after a fall from hardware: after the last frame handed out since the last seek, or at
  // that seek's target when none was.
  std::optional<double> seek_target;
  std::optional<std::int64_t> last_pts;
  std::optional<std::int64_t> drop_through;  // frames up to this one were handed out before the fall
  std::optional<std::string> hardware_refused;
  std::optional<std::string> fell_back;
  // Draining for a last target (decoded_at's `then_seek`): on while decode_to feeds the decoder for it; `target_pts`
  // is the earliest time shown at or after skip_before among the packets sent, the frame that will be the target.
  // Once a packet decoded after every frame up to it arrives, nothing more is needed.
  bool drain_for_target = false;
  std::optional<std::int64_t> target_pts;
  bool must_seek = false;  // the decoder was drained: the next frame asked for is reached by a seek
  // Packet times from the index in order, and the bytes before each: made the first time they are asked for.
  mutable std::vector<std::pair<std::int64_t, std::uint64_t>> bytes_by_time;

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

  static std::int64_t pts_of(const AVFrame& f) {
    return f.best_effort_timestamp == AV_NOPTS_VALUE ? f.pts : f.best_effort_timestamp;
  }
  double seconds_of(std::int64_t pts) const {
    return pts == AV_NOPTS_VALUE ? 0.0 : static_cast<double>(pts - start_pts) * time_base;
  }
  double seconds_of(const AVFrame& f) const { return seconds_of(pts_of(f)); }

  // The next decoded frame into `frame`; false at the end of the stream (or when it breaks off). A hardware decoder
  // that fails is replaced by software here, and the caller never sees the seam.
  bool next_frame(std::string& error) {
    for (;;) {
      const int received = decoder->receive(frame.get());
      if (received == 0) {
        const auto pts = pts_of(*frame);
        if (drop_through && pts != AV_NOPTS_VALUE && pts <= *drop_through) {
          av_frame_unref(frame.get());
          continue;
        }
        drop_through.reset();
        last_pts = pts;
        ++decoded;
        return true;
      }
      if (received == AVERROR_EOF) return false;
      if (received != AVERROR(EAGAIN)) {
        if (decoder->hardware() && fall_back(describe_error(received))) continue;
        error = "cannot decode: " + describe_error(received);
        return false;
      }
      if (drained) return false;
      const int read = av_read_frame(format.get(), packet.get());
      if (read < 0) {
        drained = true;
        decoder->send(nullptr);  // drain what the decoder holds
        continue;
      }
      int sent = 0;
      if (packet->stream_index == stream) {
        if (drain_for_target && (packet->pts == AV_NOPTS_VALUE || packet->dts == AV_NOPTS_VALUE))
          drain_for_target = false;  // without both times the target cannot be known early
        if (drain_for_target && target_pts && packet->dts > *target_pts) {
          // Decoded after every frame shown up to the target (a frame is never decoded after it is shown).
          av_packet_unref(packet.get());
          drained = true;
          must_seek = true;
          decoder->send(nullptr);
          continue;
        }
        const bool before = packet->pts != AV_NOPTS_VALUE && packet->pts < skip_before;
        const bool after = drain_for_target && target_pts && packet->pts > *target_pts;
        decoder->skip(before || after ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
        if (drain_for_target && !before && (!target_pts || packet->pts < *target_pts)) target_pts = packet->pts;
        sent = decoder->send(packet.get());
        ++fed;
      }
      av_packet_unref(packet.get());
      // A software decoder skips a damaged packet and goes on; a failing device is left for software.
      if (sent < 0 && sent != AVERROR(EAGAIN) && decoder->hardware()) fall_back(describe_error(sent));
    }
  }

  // Software in place of the failing hardware decoder, positioned to give next the frame after the last one handed
  // out. False when software cannot be opened either.
  bool fall_back(const std::string& reason) {
    std::string error;
    auto software = open_software_decoder(*format->streams[stream], software_threads, error);
    if (!software) return false;
    const bool resume_after_last = last_pts && *last_pts != AV_NOPTS_VALUE;
    const double at = resume_after_last ? seconds_of(*last_pts) : seek_target.value_or(0);
    char when[32];
    std::snprintf(when, sizeof when, "%.3f", at);
    fell_back = decoder->name() + " failed at " + when + " s (" + reason + "); software decoded on from there";
    drain_for_target = false;  // software goes on from the frame handed out last, the plain way
    decoder = std::move(software);
    av_seek_frame(format.get(), stream, resume_after_last ? *last_pts : pts_of(at), AVSEEK_FLAG_BACKWARD);
    drop_through = resume_after_last ? last_pts : std::nullopt;
    drained = false;
    av_frame_unref(frame.get());
    return true;
  }

  void seek(double seconds) {
    const auto target = start_pts + static_cast<std::int64_t>(seconds / time_base);
    av_seek_frame(format.get(), stream, target, AVSEEK_FLAG_BACKWARD);
    decoder->flush();
    drained = false;
    must_seek = false;
    av_frame_unref(kept.get());
    seek_target = seconds;
    last_pts.reset();
    drop_through.reset();
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
  // `then_seek`: see decoded_at.
  bool decode_to(double seconds, std::string& error, bool then_seek = false);
};

VideoSource::VideoSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoSource::~VideoSource() = default;

std::unique_ptr<VideoSource> VideoSource::open(const std::filesystem::path& path, std::string& error,
                                               int decoder_threads, const HardwareDecoderChoice& hardware) {
  std::error_code status_error;
  if (!std::filesystem::is_regular_file(path, status_error)) {
    error = path.string() + " is not a readable file";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  AVFormatContext* format = nullptr;
  if (const int code = avformat_open_input(&format, path.c_str(), nullptr, nullptr); code < 0) {
    error = "cannot open " + path.filename().string() + ": " + describe_error(code);
    return nullptr;
  }
  impl->format.reset(format);
  if (const int code = avformat_find_stream_info(format, nullptr); code < 0) {
    error = path.filename().string() + " is not a video this build can read: " + describe_error(code);
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
  if (decoder_threads == kThreadsByFrameSize) {
    const long pixels = static_cast<long>(stream->codecpar->width) * stream->codecpar->height;
    decoder_threads = pixels >= 1280L * 720 ? 0 : 1;
  }
  impl->software_threads = decoder_threads;
  if (hardware) {
    std::string why;
    impl->decoder = hardware(*stream, why);
    if (!impl->decoder) impl->hardware_refused = why;
  }
  if (!impl->decoder) impl->decoder = open_software_decoder(*stream, decoder_threads, error);
  if (!impl->decoder) return nullptr;
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

std::string VideoSource::codec_name() const {
  return avcodec_get_name(impl_->format->streams[impl_->stream]->codecpar->codec_id);
}

std::string VideoSource::decoding() const { return impl_->decoder->name(); }

const std::optional<std::string>& VideoSource::hardware_refused() const { return impl_->hardware_refused; }

const std::optional<std::string>& VideoSource::fell_back() const { return impl_->fell_back; }

int VideoSource::frames_decoded() const { return impl_->decoded; }

int VideoSource::packets_fed() const { return impl_->fed; }

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

std::uint64_t VideoSource::bytes_before(double seconds) const {
  auto& table = impl_->bytes_by_time;
  if (table.empty()) {
    auto* st = impl_->format->streams[impl_->stream];
    const int entries = avformat_index_get_entries_count(st);
    table.reserve(static_cast<std::size_t>(std::max(0, entries)));
    for (int i = 0; i < entries; ++i)
      if (const auto* entry = avformat_index_get_entry(st, i))
        table.emplace_back(entry->timestamp, static_cast<std::uint64_t>(std::max(0, entry->size)));
    std::sort(table.begin(), table.end());
    std::uint64_t total = 0;
    for (auto& [time, bytes] : table) total += std::exchange(bytes, total);
    table.emplace_back(INT64_MAX, total);  // past the last packet: all of them
  }
  return std::lower_bound(table.begin(), table.end(), std::pair(impl_->pts_of(seconds), std::uint64_t{0}))->second;
}

void VideoSource::seek_to(double seconds) {
  impl_->seek(seconds);
  impl_->last_time.reset();
}

bool VideoSource::Impl::decode_to(double seconds, std::string& error, bool then_seek) {
  // Half a frame of slack: a time that is not on a frame boundary takes the frame that covers it.
  const double slack = frames_per_second() > 0 ? 0.5 / frames_per_second() : 0.0;
  // Scenes come in order: within a GOP, decoding on from the last frame beats seeking back to its keyframe.
  const bool decode_on = !must_seek && last_time && seconds >= *last_time && !keyframe_between(*last_time, seconds);
  if (decode_on && kept->data[0] && *last_time + slack >= seconds) return true;
  if (!decode_on) seek(seconds);
  std::string decode_error;
  skip_before = pts_of(seconds - slack);
  drain_for_target = then_seek;
  target_pts.reset();
  const auto reached = [&] { return seconds_of(*kept) + slack >= seconds; };
  while (next_frame(decode_error)) {
    av_frame_unref(kept.get());
    av_frame_move_ref(kept.get(), frame.get());
    if (reached()) break;
  }
  drain_for_target = false;
  skip_before = INT64_MIN;
  if (must_seek && (!kept->data[0] || !reached()) && decode_error.empty()) {
    // Drained before the frame the packets promised came out (a damaged one): the plain way, from its keyframe.
    last_time.reset();
    return decode_to(seconds, error);
  }
  if (!kept->data[0]) {
    error = decode_error.empty() ? "no frame could be decoded at " + std::to_string(seconds) + " s (truncated?)"
                                 : decode_error;
    last_time.reset();
    return false;
  }
  last_time = seconds_of(*kept);
  return true;
}

std::optional<DecodedFrame> VideoSource::decoded_at(double seconds, std::string& error, bool then_seek) {
  if (!impl_->decode_to(seconds, error, then_seek)) return std::nullopt;
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
