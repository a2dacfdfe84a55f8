// Debian's real ffmpeg: listings, one-frame trials and their cache. libx264 works on any machine; NVENC needs an
// NVIDIA driver, which the test machines lack, so its trial must fail there with ffmpeg's reason.
#include "detect/editors/ffmpeg_capabilities.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

using autocut::testing::TempDir;
using namespace std::chrono_literals;

const core::EncoderTrial* trial_of(const core::FfmpegFacts& facts, const std::string& encoder) {
  const auto found =
      std::find_if(facts.trials.begin(), facts.trials.end(), [&](const auto& t) { return t.encoder == encoder; });
  return found == facts.trials.end() ? nullptr : &*found;
}

bool nvidia_driver_present() { return std::filesystem::exists("/proc/driver/nvidia/version"); }

TEST(DetectFfmpeg, Libx264WorksAndNvencOnlyWithItsDriver) {
  TempDir cache;
  const auto detection = detect_ffmpeg({"/usr/bin/ffmpeg", cache.path() / "ffmpeg.json"});
  ASSERT_TRUE(detection.facts) << detection.problem;
  const auto& facts = *detection.facts;
  ASSERT_TRUE(facts.version);
  EXPECT_FALSE(facts.from_cache);
  const auto* x264 = trial_of(facts, "libx264");
  ASSERT_TRUE(x264);
  EXPECT_TRUE(x264->works) << x264->detail;
  const auto* nvenc = trial_of(facts, "h264_nvenc");
  ASSERT_TRUE(nvenc) << "Debian's ffmpeg lists NVENC";
  EXPECT_NE(std::find(facts.hardware_encoders.begin(), facts.hardware_encoders.end(), "h264_nvenc"),
            facts.hardware_encoders.end());
  if (!nvidia_driver_present()) {
    EXPECT_FALSE(nvenc->works);
    EXPECT_FALSE(nvenc->detail.empty());
  }
}

TEST(DetectFfmpeg, TheSecondDetectionReusesTheTrials) {
  TempDir cache;
  const FfmpegSettings settings{"/usr/bin/ffmpeg", cache.path() / "ffmpeg.json"};
  ASSERT_TRUE(detect_ffmpeg(settings).facts);
  const auto again = detect_ffmpeg(settings);
  ASSERT_TRUE(again.facts) << again.problem;
  EXPECT_TRUE(again.facts->from_cache);
  ASSERT_TRUE(trial_of(*again.facts, "libx264"));
  EXPECT_TRUE(trial_of(*again.facts, "libx264")->works);
}

TEST(DetectFfmpeg, ANewBinaryAtTheSamePathIsTriedAgain) {
  TempDir dir;
  const auto binary = dir.path() / "ffmpeg";
  std::filesystem::copy_file("/usr/bin/ffmpeg", binary);
  const FfmpegSettings settings{binary.string(), dir.path() / "cache.json"};
  ASSERT_TRUE(detect_ffmpeg(settings).facts);
  std::filesystem::last_write_time(binary, std::filesystem::last_write_time(binary) + 1h);
  const auto again = detect_ffmpeg(settings);
  ASSERT_TRUE(again.facts);
  EXPECT_FALSE(again.facts->from_cache);
}

TEST(DetectFfmpeg, ACorruptCacheIsIgnored) {
  TempDir cache;
  cache.write("ffmpeg.json", "{ not json");
  const auto detection = detect_ffmpeg({"/usr/bin/ffmpeg", cache.path() / "ffmpeg.json"});
  ASSERT_TRUE(detection.facts) << detection.problem;
  EXPECT_FALSE(detection.facts->from_cache);
}

TEST(DetectFfmpeg, ACacheOfAnotherShapeIsIgnored) {
  TempDir cache;
  cache.write("ffmpeg.json", R"({"binary": 42, "trials": "yes"})");
  const auto detection = detect_ffmpeg({"/usr/bin/ffmpeg", cache.path() / "ffmpeg.json"});
  ASSERT_TRUE(detection.facts) << detection.problem;
  EXPECT_FALSE(detection.facts->from_cache);
}

TEST(DetectFfmpeg, AHangingFfmpegIsKilledAtTheDeadline) {
  TempDir dir;
  const auto binary = dir.write("ffmpeg", "#!/bin/sh\nsleep 30\n");
  std::filesystem::permissions(binary, std::filesystem::perms::owner_all);
  FfmpegSettings settings{binary.string(), std::nullopt};
  settings.listing_timeout = 300ms;
  const auto start = std::chrono::steady_clock::now();
  const auto detection = detect_ffmpeg(settings);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_FALSE(detection.facts);
  EXPECT_NE(detection.problem.find("did not answer within 300 ms"), std::string::npos) << detection.problem;
}

TEST(DetectFfmpeg, AProgramThatIsNotFfmpegIsSaidSo) {
  TempDir dir;
  const auto binary = dir.write("ffmpeg", "#!/bin/sh\necho hello\n");
  std::filesystem::permissions(binary, std::filesystem::perms::owner_all);
  const auto detection = detect_ffmpeg({binary.string(), std::nullopt});
  EXPECT_FALSE(detection.facts);
  EXPECT_NE(detection.problem.find("does not answer like ffmpeg"), std::string::npos) << detection.problem;
}

TEST(TrialCommand, VaapiUploadsFramesToItsDevice) {
  const auto command = trial_command("ffmpeg", "h264_vaapi");
  EXPECT_NE(std::find(command.begin(), command.end(), "-vaapi_device"), command.end());
  EXPECT_NE(std::find(command.begin(), command.end(), "format=nv12,hwupload"), command.end());
  const auto nvenc = trial_command("ffmpeg", "h264_nvenc");
  EXPECT_EQ(std::find(nvenc.begin(), nvenc.end(), "-vaapi_device"), nvenc.end());
}

}  // namespace
}  // namespace autocut::detect
