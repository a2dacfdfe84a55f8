// Decoding on a GPU, and the fall to software when it fails. No GPU decoder can run here, so a GPU decoder that dies
// mid-file (a driver reset, a device lost) is stood in for by FailingDevice: it decodes in software behind the
// FrameDecoder seam, says it is hardware, and fails with EIO after a given number of frames. Everything around it —
// the fall, the repositioning, the frames handed out — is the real code. The real hardware path (hw_device_ctx)
// runs up to where this machine refuses it: no CUDA device here.
#include "analyze/hardware_decoding.hpp"

#include <gtest/gtest.h>

#include "analyze/analyze_job.hpp"
#include "analyze/parallel_scene_detection.hpp"
#include "analyze/scenes.hpp"
#include "analyze/video_source.hpp"
#include "support/temp_dir.hpp"
#include "support/test_videos.hpp"

namespace autocut::analyze {
namespace {

class FailingDevice : public FrameDecoder {
 public:
  FailingDevice(std::unique_ptr<FrameDecoder> software, int good_frames)
      : software_(std::move(software)), good_frames_(good_frames) {}
  int send(const AVPacket* packet) override { return software_->send(packet); }
  int receive(AVFrame* frame) override {
    if (given_ >= good_frames_) return AVERROR(EIO);
    const int code = software_->receive(frame);
    if (code == 0) ++given_;
    return code;
  }
  void flush() override { software_->flush(); }
  void skip(AVDiscard which) override { software_->skip(which); }
  std::string name() const override { return "h264 on test-gpu"; }
  bool hardware() const override { return true; }

 private:
  std::unique_ptr<FrameDecoder> software_;
  int good_frames_;
  int given_ = 0;
};

HardwareDecoderChoice failing_after(int good_frames) {
  return [good_frames](const AVStream& stream, std::string& error) -> std::unique_ptr<FrameDecoder> {
    auto software = open_software_decoder(stream, 1, error);
    if (!software) return nullptr;
    return std::make_unique<FailingDevice>(std::move(software), good_frames);
  };
}

class HardwareDecoding : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TempDir();
    ASSERT_EQ(testing::run_shell(testing::cuts_video_command(directory_->path() / "cuts.mp4")).exit_code, 0);
  }
  static void TearDownTestSuite() { delete directory_; }
  static std::filesystem::path video() { return directory_->path() / "cuts.mp4"; }

  static std::unique_ptr<VideoSource> open(const HardwareDecoderChoice& hardware = {}) {
    std::string error;
    auto source = VideoSource::open(video(), error, 1, hardware);
    EXPECT_TRUE(source) << error;
    return source;
  }
  static testing::TempDir* directory_;
};

testing::TempDir* HardwareDecoding::directory_ = nullptr;

const std::vector<double> kTimes{0.5, 1.0, 4.5, 7.2, 9.5, 10.5, 11.9};

std::vector<Image> frames_at(VideoSource& source) {
  std::vector<Image> frames;
  std::string error;
  for (const double time : kTimes) {
    auto image = source.frame_at(time, 160, error);
    EXPECT_TRUE(image) << error;
    if (image) frames.push_back(std::move(*image));
  }
  return frames;
}

void expect_same(const std::vector<Image>& got, const std::vector<Image>& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].time_s, expected[i].time_s) << "at " << kTimes[i];
    EXPECT_TRUE(got[i].rgb == expected[i].rgb) << "the pixels at " << kTimes[i];
  }
}

TEST_F(HardwareDecoding, ADecoderThatDiesMidFileIsReplacedBySoftwareAndEveryFrameIsTheSame) {
  auto software = open();
  const auto expected = frames_at(*software);
  EXPECT_FALSE(software->fell_back());

  // 40 frames in, counting those decoded and not shown: mid-file, after a seek.
  auto failing = open(failing_after(40));
  EXPECT_EQ(failing->decoding(), "h264 on test-gpu");
  expect_same(frames_at(*failing), expected);
  EXPECT_EQ(failing->decoding(), "h264");
  ASSERT_TRUE(failing->fell_back());
  EXPECT_EQ(failing->fell_back()->rfind("h264 on test-gpu failed at ", 0), 0u) << *failing->fell_back();
  EXPECT_NE(failing->fell_back()->find(" s (Input/output error); software decoded on from there"), std::string::npos)
      << *failing->fell_back();
}

TEST_F(HardwareDecoding, ADecoderThatFailsBeforeItsFirstFrameGivesWaySoftwareFromTheSameFrame) {
  auto software = open();
  const auto expected = frames_at(*software);
  auto failing = open(failing_after(0));
  expect_same(frames_at(*failing), expected);
  ASSERT_TRUE(failing->fell_back());
  EXPECT_NE(failing->fell_back()->find("failed at 0.500 s"), std::string::npos) << *failing->fell_back();
}

TEST_F(HardwareDecoding, OnePassThroughTheVideoGetsEachFrameOnceAcrossTheFall) {
  const auto times = [](VideoSource& source) {
    std::vector<double> seen;
    std::string error;
    while (auto image = source.next_image(32, error)) seen.push_back(image->time_s);
    EXPECT_TRUE(error.empty()) << error;
    return seen;
  };
  auto software = open();
  auto failing = open(failing_after(100));
  const auto expected = times(*software);
  EXPECT_EQ(expected.size(), 300u);
  EXPECT_EQ(times(*failing), expected) << "no frame lost or repeated at the fall (frame 100 of 300)";
  EXPECT_TRUE(failing->fell_back());
}

TEST_F(HardwareDecoding, AJobKeepsItsKeyframesByteForByteAndSaysWhereTheDecoderFell) {
  const auto scenes = R"([{"start":0,"end":3},{"start":3,"end":6},{"start":6,"end":9},{"start":9,"end":12}])";
  struct Run {
    JobSummary summary;
    testing::TempDir pictures;
  };
  const auto run = [&](HardwareDecoderChoice hardware, Run& into) {
    JobOptions options;
    options.decoders = 2;
    options.keyframes_dir = into.pictures.path();
    options.hardware = std::move(hardware);
    into.summary = run_job(video(), parse_scenes_json(scenes), options, [](const SceneResult&) {});
    EXPECT_TRUE(into.summary.error.empty()) << into.summary.error;
  };
  Run software, failing;
  run({}, software);
  run(failing_after(30), failing);
  EXPECT_EQ(software.summary.decoding, "h264");
  EXPECT_TRUE(software.summary.decoding_notes.empty());
  EXPECT_EQ(failing.summary.decoding, "h264 on test-gpu");
  // Each decoder falls on its own once it has given 30 frames; which runs of scenes each one takes, and so whether
  // the second one gets that far, depends on which comes free first.
  ASSERT_GE(failing.summary.decoding_notes.size(), 1u);
  ASSERT_LE(failing.summary.decoding_notes.size(), 2u) << "one fall per decoder at most";
  for (const auto& note : failing.summary.decoding_notes)
    EXPECT_NE(note.find("h264 on test-gpu failed at "), std::string::npos) << note;
  EXPECT_EQ(failing.summary.succeeded, 4);
  for (int i = 1; i <= 4; ++i) {
    const auto name = std::to_string(i) + ".jpg";
    const auto picture = testing::read_text(software.pictures.path() / name);
    EXPECT_FALSE(picture.empty());
    EXPECT_EQ(testing::read_text(failing.pictures.path() / name), picture) << name;
  }
}

TEST_F(HardwareDecoding, DetectionFindsTheSameCutsAcrossEachRangesFall) {
  const auto bounds = [](const SceneList& list) {
    std::vector<std::pair<double, double>> spans;
    for (const auto& scene : list.scenes) spans.emplace_back(scene.start_s, scene.end_s);
    return spans;
  };
  const auto software = detect_scenes_in_parallel(video(), 2);
  ASSERT_TRUE(software.error.empty()) << software.error;
  EXPECT_EQ(software.scenes.size(), 4u);
  std::vector<std::string> falls;
  const auto failing = detect_scenes_in_parallel(video(), 2, {}, failing_after(50), &falls);
  EXPECT_TRUE(failing.error.empty()) << failing.error;
  EXPECT_EQ(bounds(failing), bounds(software));
  EXPECT_EQ(falls.size(), 2u) << "each range's decoder fell on its own";
}

TEST_F(HardwareDecoding, OnlyADecoderTheTrialsProvedIsTriedAndARefusalIsSaid) {
  // The trials proved cuda for HEVC only: this H.264 video is not sent to it.
  auto unproven = open(proven_hardware({{"cuda", "hevc 8-bit"}}));
  EXPECT_EQ(unproven->decoding(), "h264");
  ASSERT_TRUE(unproven->hardware_refused());
  EXPECT_EQ(*unproven->hardware_refused(), "no decode trial proved h264 8-bit on a GPU here");

  // Proven: the real hw_device_ctx path. Without a CUDA device (as here) it is refused, software decodes and says
  // why; with one, the video decodes on it.
  auto proven = open(proven_hardware({{"cuda", "h264 8-bit"}}));
  if (proven->hardware_refused()) {
    EXPECT_EQ(proven->decoding(), "h264");
    EXPECT_EQ(proven->hardware_refused()->rfind("cuda: ", 0), 0u) << *proven->hardware_refused();
  } else {
    EXPECT_EQ(proven->decoding(), "h264 on cuda");
  }
  EXPECT_FALSE(proven->fell_back());
}

}  // namespace
}  // namespace autocut::analyze
