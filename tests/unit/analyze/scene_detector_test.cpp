// The detector's colour space and score, pixel by pixel: the values OpenCV's cv2.cvtColor(…, COLOR_RGB2HSV) gives
// for 8-bit images (hue halved into 0–179), which PySceneDetect's ContentDetector scores.
#include "analyze/scene_detector.hpp"

#include <gtest/gtest.h>

#include <array>

namespace autocut::analyze {
namespace {

std::array<int, 3> hsv_of(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  const auto frame = to_hsv(Image{1, 1, {r, g, b}, 0});
  return {frame.hsv[0], frame.hsv[1], frame.hsv[2]};
}

TEST(SceneDetector, ColoursTakeOpenCvsEightBitHsv) {
  EXPECT_EQ(hsv_of(255, 0, 0), (std::array{0, 255, 255}));
  EXPECT_EQ(hsv_of(0, 255, 0), (std::array{60, 255, 255}));
  EXPECT_EQ(hsv_of(0, 0, 255), (std::array{120, 255, 255}));
  EXPECT_EQ(hsv_of(255, 0, 255), (std::array{150, 255, 255}));
  EXPECT_EQ(hsv_of(255, 128, 0), (std::array{15, 255, 255}));
  EXPECT_EQ(hsv_of(10, 20, 30), (std::array{105, 170, 30}));
  EXPECT_EQ(hsv_of(128, 128, 128), (std::array{0, 0, 128}));
  EXPECT_EQ(hsv_of(0, 0, 0), (std::array{0, 0, 0}));
}

TEST(SceneDetector, TheScoreIsTheMeanChangeOfHueSaturationAndValue) {
  const auto red = to_hsv(Image{2, 1, {255, 0, 0, 255, 0, 0}, 0});
  const auto blue = to_hsv(Image{2, 1, {0, 0, 255, 0, 0, 255}, 0});
  const auto dark_red = to_hsv(Image{2, 1, {128, 0, 0, 128, 0, 0}, 0});
  EXPECT_EQ(content_score(red, red), 0.0);
  EXPECT_DOUBLE_EQ(content_score(red, blue), 120.0 / 3) << "only the hue moves, by 120";
  EXPECT_DOUBLE_EQ(content_score(red, dark_red), 127.0 / 3) << "only the value moves, by 127";
  EXPECT_EQ(content_score(red, to_hsv(Image{1, 1, {0, 0, 255}, 0})), 0.0) << "frames of other sizes are not compared";
}

}  // namespace
}  // namespace autocut::analyze
