// GPU decoders tried with Debian's real ffmpeg on clips it makes. The test machines have no GPU, so every trial here
// must fail with ffmpeg's reason, while the same clip decodes in software: the failure is the hardware's. A GPU that
// decodes is for the GPU machine's check (docs/analysis.md).
#include "detect/editors/ffmpeg_decode_trials.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "detect/editors/ffmpeg_capabilities.hpp"
#include "profile/build_profile.hpp"
#include "profile/explain_profile.hpp"
#include "support/run_process.hpp"
#include "support/temp_dir.hpp"

namespace autocut::detect {
namespace {

using namespace std::chrono_literals;

bool only_cuda(const std::string& hwaccel) { return hwaccel == "cuda"; }

TEST(DecodeTrials, OnlyTheHwaccelsWithADeviceHereAreTried) {
  EXPECT_EQ(hwaccels_to_try({"vdpau", "cuda", "vaapi", "drm"}, only_cuda), std::vector<std::string>{"cuda"});
  EXPECT_TRUE(hwaccels_to_try({"vdpau", "drm", "opencl"}, device_present).empty()) << "not decoders analysis uses";
  const auto command = decode_trial_command("ffmpeg", "vaapi", decode_samples()[1], "/tmp/h264-10.mkv");
  const auto has = [&](const std::string& part) {
    return std::find(command.begin(), command.end(), part) != command.end();
  };
  EXPECT_TRUE(has("-hwaccel_output_format")) << "frames stay on the GPU";
  EXPECT_TRUE(has("hwdownload,format=p010le")) << "and must come from it: software frames fail the filter";
  EXPECT_TRUE(has("/dev/dri/renderD128"));
}

TEST(DecodeTrials, WithoutTheDriverEveryTrialFailsWithFfmpegsReason) {
  if (device_present("cuda") || device_present("vaapi")) GTEST_SKIP() << "this machine has a GPU device";
  testing::TempDir samples;
  const auto trials = run_decode_trials("/usr/bin/ffmpeg", {"cuda", "vaapi"},
                                        {"libx264", "libx265", "libvpx-vp9", "libaom-av1"}, samples.path(), 20s);
  ASSERT_GE(trials.size(), 2u * 4) << "h264, hevc, vp9 and av1 at least, for each";
  for (const auto& trial : trials) {
    EXPECT_FALSE(trial.works) << trial.hwaccel << " " << trial.sample;
    EXPECT_FALSE(trial.detail.empty()) << trial.hwaccel << " " << trial.sample;
  }
  const auto h264 = std::find_if(trials.begin(), trials.end(), [](const auto& t) { return t.sample == "h264 8-bit"; });
  ASSERT_NE(h264, trials.end());
  // The clip itself is sound: software decodes it.
  const auto software = testing::run_shell("ffmpeg -v error -i " + (samples.path() / "h264-8.mkv").string() +
                                           " -f null - && echo decoded");
  EXPECT_NE(software.out.find("decoded"), std::string::npos) << software.err;
}

TEST(DecodeTrials, DetectionKeepsThemInTheProfileAndTheCacheAndSaysSo) {
  if (device_present("cuda")) GTEST_SKIP() << "this machine has an NVIDIA driver";
  testing::TempDir cache;
  FfmpegSettings settings{"/usr/bin/ffmpeg", cache.path() / "ffmpeg.json"};
  settings.has_device = only_cuda;
  settings.trial_timeout = 20s;
  const auto detection = detect_ffmpeg(settings);
  ASSERT_TRUE(detection.facts) << detection.problem;
  const auto& decoders = detection.facts->decode_trials;
  ASSERT_FALSE(decoders.empty());
  EXPECT_TRUE(std::all_of(decoders.begin(), decoders.end(), [](const auto& t) { return t.hwaccel == "cuda"; }));
  EXPECT_TRUE(std::filesystem::exists(cache.path() / "decode-samples" / "h264-8.mkv")) << "the clips are kept";

  const auto again = detect_ffmpeg(settings);
  ASSERT_TRUE(again.facts);
  EXPECT_TRUE(again.facts->from_cache);
  EXPECT_EQ(again.facts->decode_trials.size(), decoders.size());

  core::HostFacts facts;
  facts.ffmpeg = *detection.facts;
  const auto text = profile::explain_profile(profile::build_profile(facts, {}), core::Language::en);
  EXPECT_NE(text.find("no GPU decoder passed its trial (" + std::to_string(decoders.size()) + " tried: "),
            std::string::npos)
      << text;
  facts.ffmpeg->decode_trials.front().works = true;
  const auto working = profile::explain_profile(profile::build_profile(facts, {}), core::Language::zh);
  EXPECT_NE(working.find("GPU 解码：" + facts.ffmpeg->decode_trials.front().sample + " (cuda)"), std::string::npos)
      << working;
}

}  // namespace
}  // namespace autocut::detect
