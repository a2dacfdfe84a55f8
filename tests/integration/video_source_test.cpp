// Keyframes from real videos, generated with ffmpeg for the test: a 12 s clip with hard cuts at 3, 6 and 9 s
// (test pattern, SMPTE bars, Mandelbrot, red) whose x264 keyframes leave 9 s inside a GOP, so an exact frame there
// must be decoded forward from an earlier keyframe.
#include "analyze/video_source.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "analyze/analyze_job.hpp"
#include "analyze/decoded_frame.hpp"
#include "analyze/libav_handles.hpp"
#include "analyze/parallel_scene_detection.hpp"
#include "analyze/scene_detector.hpp"
#include "support/jpeg_pixels.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_videos.hpp"

namespace autocut::analyze {
namespace {

class Videos : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TempDir();
    const auto result = testing::run_shell(
        "cd " + testing::shell_quote(directory_->path().string()) + " && " + testing::cuts_video_command("cuts.mp4") +
        " && ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i color=c=black:size=64x48:rate=25:d=0.12"
        " -f lavfi -i color=c=white:size=64x48:rate=25:d=0.2 -f lavfi -i color=c=black:size=64x48:rate=25:d=0.12"
        " -f lavfi -i color=c=white:size=64x48:rate=25:d=2"
        " -filter_complex '[0:v][1:v][2:v][3:v]concat=n=4:v=1,format=yuv420p[v]' -map '[v]' -c:v libx264 flicker.mp4"
        " && head -c 30000 cuts.mp4 > truncated.mp4 && echo 'not a video' > notes.mp4");
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() { delete directory_; }

  static std::filesystem::path file(const char* name) { return directory_->path() / name; }
  static testing::TempDir* directory_;
};

testing::TempDir* Videos::directory_ = nullptr;

std::array<int, 3> centre_pixel(const Image& image) {
  const auto at = (static_cast<std::size_t>(image.height / 2) * image.width + image.width / 2) * 3;
  return {image.rgb[at], image.rgb[at + 1], image.rgb[at + 2]};
}

TEST_F(Videos, TheExactFrameAtATimeEvenInsideAGop) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error);
  ASSERT_TRUE(video) << error;
  EXPECT_NEAR(video->duration_s(), 12.0, 0.05);
  EXPECT_EQ(video->frames_per_second(), 25.0);
  EXPECT_EQ(video->codec_name(), "h264");
  const auto red = video->frame_at(10.5, 160, error);
  ASSERT_TRUE(red) << error;
  EXPECT_NEAR(red->time_s, 10.48, 0.001) << "the frame on screen at 10.5 s: shown from 10.48 to 10.52";
  EXPECT_EQ(red->width, 160);
  EXPECT_EQ(red->height, 120);
  const auto [r, g, b] = centre_pixel(*red);
  EXPECT_GT(r, 200);
  EXPECT_LT(g, 40);
  EXPECT_LT(b, 40);
  const auto before_cut = video->frame_at(8.96, 160, error);  // the Mandelbrot's last frame, not the red
  ASSERT_TRUE(before_cut);
  EXPECT_NE(centre_pixel(*before_cut), centre_pixel(*red));
}

// What the worker hands from its decoder to the thread that finishes a scene: the decoder's own frame, not a copy.
TEST_F(Videos, ADecodedFrameOutlivesFurtherDecodingAndGivesTheSameImageAndItsJpeg) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error);
  ASSERT_TRUE(video) << error;
  auto red = video->decoded_at(10.5, error);
  ASSERT_TRUE(red) << error;
  EXPECT_NEAR(red->time_s(), 10.48, 0.001);
  ASSERT_TRUE(video->frame_at(2.0, 64, error)) << "the decoder seeks back and decodes other frames";
  const auto image = red->to_image(160);
  EXPECT_EQ(image.width, 160);
  const auto [r, g, b] = centre_pixel(image);
  EXPECT_GT(r, 200);
  EXPECT_LT(g, 40);
  EXPECT_LT(b, 40);
  auto again = VideoSource::open(file("cuts.mp4"), error);
  EXPECT_EQ(again->frame_at(10.5, 160, error)->rgb, image.rgb) << "the same pixels as frame_at gives";

  const auto jpeg = testing::jpeg_pixels(red->jpeg_base64(160));
  ASSERT_TRUE(jpeg) << "decodes as JPEG";
  EXPECT_EQ(jpeg->width, 160);
  EXPECT_EQ(jpeg->height, 120);
  const auto [jr, jg, jb] = centre_pixel(*jpeg);
  EXPECT_GT(jr, 200);
  EXPECT_LT(jg, 40);
  EXPECT_LT(jb, 40);
}

TEST_F(Videos, ScenesInOrderDecodeOnInsteadOfSeekingAgain) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error);
  ASSERT_TRUE(video);
  ASSERT_TRUE(video->frame_at(9.2, 64, error));
  const auto decoded = video->frames_decoded();
  const auto later = video->frame_at(9.6, 64, error);
  ASSERT_TRUE(later);
  EXPECT_NEAR(later->time_s, 9.6, 0.001);
  // At most the ten frames from 9.2 s on (fewer: frames no other frame refers to are skipped on the way), not the
  // 240 from the GOP's keyframe at 0 s.
  EXPECT_GT(video->frames_decoded() - decoded, 0);
  EXPECT_LE(video->frames_decoded() - decoded, 10);
}

TEST_F(Videos, FramesSkippedOnTheWayLeaveTheTargetExact) {
  std::string error;
  auto skipping = VideoSource::open(file("cuts.mp4"), error);
  auto whole = VideoSource::open(file("cuts.mp4"), error);
  ASSERT_TRUE(skipping && whole);
  const auto target = skipping->frame_at(7.52, 320, error);
  ASSERT_TRUE(target);
  std::optional<Image> decoded;  // every frame decoded in turn up to the same time
  while (auto next = whole->next_image(320, error)) {
    if (next->time_s > target->time_s + 0.001) break;
    decoded = std::move(next);
  }
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->time_s, target->time_s);
  EXPECT_EQ(decoded->rgb, target->rgb) << "byte for byte the frame a full decode gives";
}

// From 720p on, keyframes are decoded with frame threads: more frames in flight, the same frame out.
// A decoder drained for its last target (the next one is reached by a seek) gives the frame a full decode gives, at
// B-frame and P-frame times alike, decodes fewer frames, and the request after it, even one it could have decoded on
// to, is still exact.
TEST_F(Videos, ADecoderDrainedForItsLastTargetGivesTheSameFrameAndDecodesLess) {
  const std::vector<double> times{0.1, 0.5, 1.02, 2.5, 3.7, 5.33, 7.52, 9.1, 11.5};
  std::string error;
  std::vector<std::pair<double, std::vector<std::uint8_t>>> full;  // every frame, in turn
  {
    auto whole = VideoSource::open(file("cuts.mp4"), error, 1);
    ASSERT_TRUE(whole) << error;
    while (auto next = whole->next_image(320, error)) full.emplace_back(next->time_s, std::move(next->rgb));
  }
  const auto full_decode_at = [&](double t) {  // the frame on screen at t: the first one shown from t less half a frame
    for (const auto& [time, rgb] : full)
      if (time + 0.02 >= t) return rgb;
    return full.back().second;
  };
  // Four frame threads: a decoder that holds frames back (frame threads, a GPU's queue) gives the target up only
  // after more packets, unless drained.
  const auto frames_for = [&](bool drain) {
    auto video = VideoSource::open(file("cuts.mp4"), error, 4);
    EXPECT_TRUE(video) << error;
    for (std::size_t i = 0; i < times.size(); ++i) {
      const double t = times[i];
      // Drained where the next time is reached by a seek anyway, as the job's decoders do at the end of a run.
      const bool then_seek = drain && (i + 1 == times.size() || video->keyframe_between(t, times[i + 1]));
      const auto frame = video->decoded_at(t, error, then_seek);
      EXPECT_TRUE(frame) << error;
      if (frame) {
        EXPECT_EQ(frame->to_image(320).rgb, full_decode_at(t)) << t << (then_seek ? " drained" : "");
      }
    }
    return std::pair(video->frames_decoded(), video->packets_fed());
  };
  const auto plain = frames_for(false);
  const auto drained = frames_for(true);
  EXPECT_EQ(drained.first, plain.first) << "the same frames handed out on the way to each target";
  EXPECT_LT(drained.second, plain.second) << "no packet fed past what the last target of each run needs";

  auto video = VideoSource::open(file("cuts.mp4"), error, 4);
  ASSERT_TRUE(video) << error;
  ASSERT_TRUE(video->decoded_at(7.52, error, true));
  const auto next = video->decoded_at(7.6, error);  // inside the same GOP: it seeks all the same
  ASSERT_TRUE(next) << error;
  EXPECT_EQ(next->to_image(320).rgb, full_decode_at(7.6));
}

TEST_F(Videos, AFrameThreadedDecoderForLargeFramesLandsOnTheSameExactFrame) {
  testing::TempDir directory;  // made here, not for the suite: only this test needs a large clip
  const auto hd = directory.path() / "hd.mp4";
  const auto made = testing::run_shell(
      "ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i testsrc=size=1280x720:rate=25:duration=2"
      " -f lavfi -t 2 -i mandelbrot=size=1280x720:rate=25"
      " -filter_complex '[0:v][1:v]concat=n=2:v=1,format=yuv420p[v]' -map '[v]' -c:v libx264 -preset veryfast " +
      testing::shell_quote(hd.string()));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::string error;
  auto threaded = VideoSource::open(hd, error);  // by frame size: 1280×720, every core
  auto whole = VideoSource::open(hd, error, 1);
  ASSERT_TRUE(threaded && whole) << error;
  ASSERT_TRUE(threaded->frame_at(0.5, 320, error)) << error;
  const auto target = threaded->frame_at(3.02, 320, error);  // decoded on from 0.5 s, past the cut at 2 s
  ASSERT_TRUE(target) << error;
  EXPECT_NEAR(target->time_s, 3.0, 0.001);
  std::optional<Image> decoded;
  while (auto next = whole->next_image(320, error)) {
    if (next->time_s > target->time_s + 0.001) break;
    decoded = std::move(next);
  }
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->time_s, target->time_s);
  EXPECT_EQ(decoded->rgb, target->rgb) << "byte for byte the frame a one-thread full decode gives";
}

TEST_F(Videos, PastTheEndGivesTheLastFrame) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error);
  const auto last = video->frame_at(30, 64, error);
  ASSERT_TRUE(last) << error;
  EXPECT_NEAR(last->time_s, 11.96, 0.021);
}

TEST_F(Videos, MissingNotAVideoAndTruncatedFilesSaySo) {
  std::string error;
  EXPECT_FALSE(VideoSource::open(file("absent.mp4"), error));
  EXPECT_NE(error.find("is not a readable file"), std::string::npos) << error;
  EXPECT_FALSE(VideoSource::open(file("notes.mp4"), error));
  EXPECT_NE(error.find("notes.mp4"), std::string::npos) << error;
  EXPECT_FALSE(VideoSource::open(directory_->path(), error)) << "a directory is not a video";

  // The truncated file may open (its header survives) but cannot give frames from where it breaks off.
  auto truncated = VideoSource::open(file("truncated.mp4"), error);
  if (truncated) {
    EXPECT_FALSE(truncated->frame_at(10.5, 64, error)) << "frames from bytes that are not there";
  }
  EXPECT_FALSE(error.empty());
}

TEST_F(Videos, ContentDetectionFindsTheHardCuts) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error);
  const auto scenes = detect_scenes(*video);
  ASSERT_TRUE(scenes.error.empty()) << scenes.error;
  ASSERT_EQ(scenes.scenes.size(), 4u);
  const double cuts[] = {3.0, 6.0, 9.0};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(scenes.scenes[i].end_s, cuts[i], 0.041) << "cut " << i;
    EXPECT_EQ(scenes.scenes[i + 1].start_s, scenes.scenes[i].end_s) << "scenes cover the video end to end";
  }
  EXPECT_EQ(scenes.scenes.front().start_s, 0.0);
  EXPECT_NEAR(scenes.scenes.back().end_s, 12.0, 0.05);
}

TEST_F(Videos, CutsCloserThanTheMinimumSceneLengthAreNotMade) {
  std::string error;
  auto video = VideoSource::open(file("flicker.mp4"), error);
  ASSERT_TRUE(video) << error;
  // Black and white alternate for a few frames each, then white holds: only a cut 15 or more frames after the last
  // counts.
  const auto scenes = detect_scenes(*video);
  ASSERT_TRUE(scenes.error.empty());
  EXPECT_EQ(scenes.scenes.size(), 1u) << "all changes fall within the first 15 frames";
  DetectorSettings eager;
  eager.min_scene_frames = 1;
  auto again = VideoSource::open(file("flicker.mp4"), error);
  EXPECT_EQ(detect_scenes(*again, eager).scenes.size(), 4u);
}

TEST_F(Videos, AJobDescribesEachSceneAndKeepsGoingPastBadOnes) {
  std::vector<SceneResult> results;
  const auto summary =
      run_job(file("cuts.mp4"), parse_scenes_json(R"([{"start":0,"end":3},{"start":3,"end":6},{"start":6,"end":9},
                                                    {"start":9,"end":12},{"start":11,"end":10}])"),
              {{{}, 3, 256}}, [&](const SceneResult& result) { results.push_back(result); });
  ASSERT_TRUE(summary.error.empty()) << summary.error;
  EXPECT_EQ(summary.succeeded, 4);
  EXPECT_EQ(summary.failed, 1);
  ASSERT_EQ(results.size(), 5u);
  const auto has = [](const SceneResult& r, const char* tag) {
    return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
  };
  EXPECT_TRUE(has(results[1], "colour bars")) << results[1].description;
  EXPECT_TRUE(has(results[3], "blank")) << results[3].description;
  EXPECT_TRUE(has(results[3], "static shot"));
  EXPECT_EQ(results[0].keyframes_s.size(), 3u);
  EXPECT_EQ(results[4].error, "ends before it starts");
  EXPECT_EQ(results[4].attempts, 0);

  const auto missing = run_job(file("absent.mp4"), parse_scenes_json("[]"), {}, [](const SceneResult&) {});
  EXPECT_FALSE(missing.error.empty());
}

// Several decoders over ranges of scenes give what one gives, byte for byte, and decode no frame twice: a 24 s clip
// with a keyframe every 2 s, in 16 scenes of 1.5 s, so ranges can start only at some scenes.
TEST_F(Videos, DecodersOnEveryCoreGiveTheKeyframesOfOneByteForByte) {
  const auto clip = file("gops.mp4");
  ASSERT_EQ(testing::run_shell("ffmpeg -hide_banner -nostdin -loglevel error -y -f lavfi -i "
                               "testsrc2=size=320x240:rate=25:duration=24 -c:v libx264 -g 50 -keyint_min 50 "
                               "-sc_threshold 0 " +
                               testing::shell_quote(clip.string()))
                .exit_code,
            0);
  std::string scenes_json = "[";
  for (int i = 0; i < 16; ++i)
    scenes_json += (i ? "," : "") + std::string("{\"start\":") + std::to_string(i * 1.5) +
                   ",\"end\":" + std::to_string((i + 1) * 1.5) + "}";
  scenes_json += "]";
  struct Run {
    JobSummary summary;
    std::vector<SceneResult> scenes;
    testing::TempDir pictures;
  };
  const auto run = [&](int decoders, int frames_per_scene, Run& into) {
    JobOptions options;
    options.chain.frames_per_scene = frames_per_scene;
    options.decoders = decoders;
    options.keyframes_dir = into.pictures.path();
    into.summary = run_job(clip, parse_scenes_json(scenes_json), options,
                           [&](const SceneResult& result) { into.scenes.push_back(result); });
  };
  for (const int frames_per_scene : {1, 3}) {
    Run one, two, three;
    run(1, frames_per_scene, one);
    run(2, frames_per_scene, two);
    run(3, frames_per_scene, three);
    EXPECT_EQ(one.summary.decoders, 1);
    EXPECT_EQ(two.summary.decoders, 2);
    EXPECT_EQ(three.summary.decoders, 3);
    for (const auto* other : {&two, &three}) {
      ASSERT_EQ(other->scenes.size(), 16u);
      EXPECT_LE(other->summary.frames_decoded, one.summary.frames_decoded) << "no frame decoded twice";
      for (int i = 0; i < 16; ++i) {
        const auto name = std::to_string(i + 1) + ".jpg";
        const auto picture = testing::read_text(one.pictures.path() / name);
        EXPECT_FALSE(picture.empty());
        EXPECT_EQ(testing::read_text(other->pictures.path() / name), picture) << name << " at " << frames_per_scene;
        EXPECT_EQ(other->scenes[i].keyframes_s, one.scenes[i].keyframes_s);
        EXPECT_EQ(other->scenes[i].description, one.scenes[i].description);
      }
    }
  }
}

// What the index says about decoding a stretch: the bytes before a time, which grow with time and add up to the
// stream's packets.
TEST_F(Videos, TheIndexGivesTheBytesBeforeATime) {
  std::string error;
  auto video = VideoSource::open(file("cuts.mp4"), error, 1);
  ASSERT_TRUE(video) << error;

  std::uint64_t stream_bytes = 0;
  {
    AVFormatContext* opened = nullptr;
    ASSERT_EQ(avformat_open_input(&opened, file("cuts.mp4").c_str(), nullptr, nullptr), 0);
    const libav::Format format(opened);
    ASSERT_GE(avformat_find_stream_info(opened, nullptr), 0);
    const int stream = av_find_best_stream(opened, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const libav::Packet packet(av_packet_alloc());
    while (av_read_frame(opened, packet.get()) >= 0) {
      if (packet->stream_index == stream) stream_bytes += static_cast<std::uint64_t>(packet->size);
      av_packet_unref(packet.get());
    }
  }
  EXPECT_EQ(video->bytes_before(-1), 0u);
  EXPECT_EQ(video->bytes_before(video->duration_s() + 1), stream_bytes) << "past the end: every packet";
  std::uint64_t last = 0;
  for (double t = 0; t <= video->duration_s(); t += 0.25) {
    EXPECT_GE(video->bytes_before(t), last) << t;
    last = video->bytes_before(t);
  }
  // The Mandelbrot piece (6 to 9 s) costs more than the plain red one (9 to 12 s).
  EXPECT_GT(video->bytes_before(9) - video->bytes_before(6), video->bytes_before(12) - video->bytes_before(9));
}

// Detection over ranges read at once finds exactly the cuts of one pass, also where a range starts on a cut: x264
// puts a keyframe on each cut, so the ranges begin exactly there.
TEST_F(Videos, DetectionOnEveryCoreFindsExactlyTheCutsOfOnePass) {
  const auto clip = file("many-cuts.mp4");
  std::string inputs, pads;
  const char* sources[] = {"testsrc", "smptebars", "rgbtestsrc", "color=c=navy", "testsrc2", "color=c=orange"};
  for (int i = 0; i < 12; ++i) {
    const std::string source = sources[i % 6];
    inputs += " -f lavfi -i " + source + (source.find('=') == std::string::npos ? "=" : ":") +
              "size=320x240:rate=25:duration=" + (i % 2 ? "1.6" : "2.4");
    pads += "[" + std::to_string(i) + ":v]";
  }
  ASSERT_EQ(testing::run_shell("ffmpeg -hide_banner -nostdin -loglevel error -y" + inputs + " -filter_complex '" +
                               pads + "concat=n=12:v=1,format=yuv420p[v]' -map '[v]' -c:v libx264 " +
                               testing::shell_quote(clip.string()))
                .exit_code,
            0);
  std::string error;
  auto video = VideoSource::open(clip, error, 0);
  ASSERT_TRUE(video) << error;
  const auto keyframes = video->keyframes();
  EXPECT_GE(keyframes.size(), 6u) << "a keyframe on the cuts";
  const auto one_pass = detect_scenes(*video);
  ASSERT_TRUE(one_pass.error.empty()) << one_pass.error;
  EXPECT_EQ(one_pass.scenes.size(), 12u);
  const auto bounds = [](const SceneList& list) {
    std::vector<std::pair<double, double>> spans;
    for (const auto& scene : list.scenes) spans.emplace_back(scene.start_s, scene.end_s);
    return spans;
  };
  for (const int ranges : {2, 3, 4, 7}) {
    const auto parallel = detect_scenes_in_parallel(clip, ranges);
    EXPECT_TRUE(parallel.error.empty()) << parallel.error;
    EXPECT_EQ(bounds(parallel), bounds(one_pass)) << ranges << " ranges";
  }
  const auto starts = range_starts(keyframes, video->duration_s(), 3);
  ASSERT_EQ(starts.size(), 3u);
  for (const double start : {starts[1], starts[2]}) {
    const bool on_a_cut = std::any_of(one_pass.scenes.begin(), one_pass.scenes.end(),
                                      [&](const Scene& scene) { return std::abs(scene.start_s - start) < 0.1; });
    EXPECT_TRUE(on_a_cut) << "a range starts on the cut at " << start;
  }

  const auto truncated = detect_scenes_in_parallel(file("truncated.mp4"), 2);
  EXPECT_FALSE(truncated.error.empty());
  EXPECT_FALSE(detect_scenes_in_parallel(file("notes.mp4"), 2).error.empty());
}

TEST(RangeStarts, SharesOfCostWhenTheIndexGivesIt) {
  // The first 2 s cost 20, each second after 1: half of the 28 is reached at the keyframe at 2 s, not at 4 or 6.
  const auto cost = [](double t) { return t < 2 ? t * 10 : 20 + (t - 2); };
  EXPECT_EQ(range_starts({0, 2, 4, 6, 8}, 10, 2, cost), (std::vector<double>{0, 2}));
  EXPECT_EQ(range_starts({0, 2, 4, 6, 8}, 10, 2), (std::vector<double>{0, 4})) << "by length without it";
  EXPECT_EQ(range_starts({0, 2, 4, 6, 8}, 10, 2, [](double) { return 0.0; }), (std::vector<double>{0, 4}))
      << "an index that says nothing: by length";
}

TEST(RangeStarts, TheKeyframesNearestEvenShares) {
  EXPECT_EQ(range_starts({0, 2, 4, 6, 8}, 10, 2), (std::vector<double>{0, 4}));
  EXPECT_EQ(range_starts({0, 2, 4, 6, 8}, 10, 3), (std::vector<double>{0, 4, 6}));
  EXPECT_EQ(range_starts({0}, 10, 4), (std::vector<double>{0})) << "one keyframe: one range";
  EXPECT_EQ(range_starts({}, 10, 4), (std::vector<double>{0})) << "no index: one range";
  EXPECT_EQ(range_starts({0, 9}, 10, 4), (std::vector<double>{0, 9}));
}

}  // namespace
}  // namespace autocut::analyze
