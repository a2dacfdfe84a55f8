#include "sys/parse/ffmpeg.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

// As Debian 12's ffmpeg 5.1 prints them.
constexpr std::string_view kEncoders =
    "Encoders:\n"
    " V..... = Video\n"
    " A..... = Audio\n"
    " ------\n"
    " V....D a64multi             Multicolor charset for Commodore 64 (codec a64_multi)\n"
    " V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)\n"
    " V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)\n"
    " V..... h264_qsv             H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (Intel Quick Sync Video acceleration) "
    "(codec h264)\n"
    " A....D aac                  AAC (Advanced Audio Coding)\n";

TEST(ParseFfmpegEncoders, ReadsTheTableAfterTheRule) {
  const auto encoders = parse_ffmpeg_encoders(kEncoders);
  ASSERT_EQ(encoders.size(), 5u) << "the legend lines above the rule are not encoders";
  EXPECT_EQ(encoders[1].name, "libx264");
  EXPECT_EQ(encoders[2].name, "h264_nvenc");
  EXPECT_EQ(encoders[2].description, "NVIDIA NVENC H.264 encoder (codec h264)");
  EXPECT_EQ(encoders[4].type, 'A');
}

TEST(ParseFfmpegEncoders, NoTableNoEncoders) {
  EXPECT_TRUE(parse_ffmpeg_encoders("Unrecognized option 'encoders'.\n").empty());
  EXPECT_TRUE(parse_ffmpeg_encoders(" ------\n garbage\n V.. short\n").empty());
}

TEST(ParseFfmpegHwaccels, ReadsTheMethods) {
  EXPECT_EQ(parse_ffmpeg_hwaccels("Hardware acceleration methods:\nvdpau\ncuda\nvaapi\n\n"),
            (std::vector<std::string>{"vdpau", "cuda", "vaapi"}));
  EXPECT_TRUE(parse_ffmpeg_hwaccels("cuda\n").empty());
}

TEST(ParseFfmpegVersion, ReadsTheFirstLine) {
  EXPECT_EQ(parse_ffmpeg_version(
                "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\nbuilt with gcc"),
            "5.1.9-0+deb12u1");
  EXPECT_EQ(parse_ffmpeg_version("ffmpeg version n7.1 Copyright"), "n7.1");
  EXPECT_FALSE(parse_ffmpeg_version("avconv version 12"));
}

}  // namespace
}  // namespace autocut::sys::parse
