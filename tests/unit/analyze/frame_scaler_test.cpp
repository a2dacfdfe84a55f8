// Decoded pictures into RGB and JPEG: the colour range comes from the frame, so a full-range picture is not
// stretched as if it were limited (TV) range, and the JPEG that leaves carries the same colours.
#include "analyze/frame_scaler.hpp"

#include <gtest/gtest.h>

#include "analyze/jpeg.hpp"
#include "support/jpeg_pixels.hpp"

namespace autocut::analyze {
namespace {

// A flat 4:2:0 picture: every luma sample `luma`, chroma neutral, in the range given.
libav::Frame flat_yuv(int luma, AVColorRange range, AVPixelFormat format = AV_PIX_FMT_YUV420P) {
  libav::Frame frame(av_frame_alloc());
  frame->width = 64;
  frame->height = 48;
  frame->format = format;
  frame->color_range = range;
  EXPECT_GE(av_frame_get_buffer(frame.get(), 0), 0);
  for (int y = 0; y < frame->height; ++y) std::fill_n(frame->data[0] + y * frame->linesize[0], frame->width, luma);
  for (int plane = 1; plane < 3; ++plane)
    for (int y = 0; y < frame->height / 2; ++y)
      std::fill_n(frame->data[plane] + y * frame->linesize[plane], frame->width / 2, 128);
  return frame;
}

TEST(FrameScaler, SizesKeepTheShapeAreEvenAndNeverGrow) {
  EXPECT_EQ(fitted_size(1920, 1080, 768), (std::pair{768, 432}));
  EXPECT_EQ(fitted_size(1080, 1920, 320), (std::pair{180, 320}));
  EXPECT_EQ(fitted_size(640, 360, 1024), (std::pair{640, 360}));
  EXPECT_EQ(fitted_size(101, 75, 4096), (std::pair{100, 74}));
}

TEST(FrameScaler, TheFramesColourRangeDecidesHowItsLumaIsRead) {
  FrameScaler scaler;
  // Luma 200 is grey 200 in full range, and (200 − 16) × 255 / 219 ≈ 214 in limited range.
  const auto full = scaler.to_image(*flat_yuv(200, AVCOL_RANGE_JPEG), 32, 0);
  const auto limited = scaler.to_image(*flat_yuv(200, AVCOL_RANGE_MPEG), 32, 0);
  const auto yuvj = scaler.to_image(*flat_yuv(200, AVCOL_RANGE_JPEG, AV_PIX_FMT_YUVJ420P), 32, 0);
  ASSERT_EQ(full.width, 32);
  ASSERT_EQ(full.height, 24);
  EXPECT_NEAR(full.rgb[0], 200, 2);
  EXPECT_NEAR(limited.rgb[0], 214, 2);
  EXPECT_NEAR(yuvj.rgb[0], 200, 2);
}

TEST(FrameScaler, AJpegFromADecodedFrameKeepsItsColoursAndTakesThePolicysSize) {
  for (const auto range : {AVCOL_RANGE_JPEG, AVCOL_RANGE_MPEG}) {
    const auto text = jpeg_base64(*flat_yuv(200, range), 32);
    ASSERT_FALSE(text.empty());
    const auto pixels = testing::jpeg_pixels(text);
    ASSERT_TRUE(pixels) << "decodes as JPEG";
    EXPECT_EQ(pixels->width, 32);
    EXPECT_EQ(pixels->height, 24);
    EXPECT_NEAR(pixels->rgb[0], range == AVCOL_RANGE_JPEG ? 200 : 214, 3);
  }
}

}  // namespace
}  // namespace autocut::analyze
