#include "analyze/frame_measures.hpp"

#include <gtest/gtest.h>

#include <random>

namespace autocut::analyze {
namespace {

Image filled(int width, int height, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image image{width, height, {}, 0};
  for (int i = 0; i < width * height; ++i) image.rgb.insert(image.rgb.end(), {r, g, b});
  return image;
}

Image bars(int width, int height) {
  static const std::uint8_t colours[7][3] = {{192, 192, 192}, {192, 192, 0}, {0, 192, 192}, {0, 192, 0},
                                             {192, 0, 192},   {192, 0, 0},   {0, 0, 192}};
  Image image{width, height, {}, 0};
  for (int row = 0; row < height; ++row)
    for (int x = 0; x < width; ++x) {
      const auto* c = colours[x * 7 / width];
      image.rgb.insert(image.rgb.end(), {c[0], c[1], c[2]});
    }
  return image;
}

TEST(FrameMeasures, BlackIsDarkAndFlat) {
  const auto m = measure_frame(filled(64, 48, 0, 0, 0));
  EXPECT_EQ(m.brightness, 0.0);
  EXPECT_EQ(m.contrast, 0.0);
  EXPECT_EQ(describe_scene({m}, {}).tags, std::vector<std::string>{"black"});
}

TEST(FrameMeasures, APlainColourIsBlankWithThatColour) {
  const auto m = measure_frame(filled(64, 48, 255, 0, 0));
  ASSERT_FALSE(m.dominant.empty());
  EXPECT_EQ(m.dominant[0].hex, "#ff0000");
  EXPECT_EQ(m.dominant[0].share, 1.0);
  const auto words = describe_scene({m, m}, {0.0});
  EXPECT_EQ(words.tags, (std::vector<std::string>{"blank", "static shot"}));
  EXPECT_NE(words.text.find("without a model"), std::string::npos) << "it says it is a heuristic";
}

TEST(FrameMeasures, BarsAreColourfulBands) {
  const auto m = measure_frame(bars(140, 80));
  EXPECT_TRUE(m.vertical_bands);
  EXPECT_GT(m.colourfulness, 40);
  const auto tags = describe_scene({m}, {}).tags;
  EXPECT_NE(std::find(tags.begin(), tags.end(), "colour bars"), tags.end());
}

TEST(FrameMeasures, NoiseIsSharpAndMovesBetweenFrames) {
  std::mt19937 random(7);
  Image a{64, 48, {}, 0}, b{64, 48, {}, 0};
  for (int i = 0; i < 64 * 48 * 3; ++i) {
    a.rgb.push_back(static_cast<std::uint8_t>(random()));
    b.rgb.push_back(static_cast<std::uint8_t>(random()));
  }
  EXPECT_GT(measure_frame(a).sharpness, 1000);
  EXPECT_GT(motion_between(a, b), 0.15);
  EXPECT_EQ(motion_between(a, a), 0.0);
  const auto tags = describe_scene({measure_frame(a), measure_frame(b)}, {motion_between(a, b)}).tags;
  EXPECT_NE(std::find(tags.begin(), tags.end(), "high motion"), tags.end());
}

TEST(FrameMeasures, AFlashIsABrightFrameBetweenDarkerOnes) {
  const auto dark = measure_frame(filled(32, 32, 40, 40, 40));
  const auto flash = measure_frame(filled(32, 32, 250, 250, 250));
  const auto tags = describe_scene({dark, flash, dark}, {0.8, 0.8}).tags;
  EXPECT_NE(std::find(tags.begin(), tags.end(), "flash"), tags.end());
}

}  // namespace
}  // namespace autocut::analyze
