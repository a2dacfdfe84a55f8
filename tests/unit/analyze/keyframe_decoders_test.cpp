// Where a job's scenes are split among decoders: only where a keyframe lies between two scenes, as evenly as that
// allows.
#include "analyze/keyframe_decoders.hpp"

#include <gtest/gtest.h>

#include <set>

namespace autocut::analyze {
namespace {

using Starts = std::vector<std::size_t>;

// Scene i spans [i, i + 1) seconds with its keyframe in the middle; keyframes of the video lie at `keyframes`.
Starts split(std::size_t scenes, int ranges, std::set<double> keyframes) {
  return split_at_keyframes(
      scenes, ranges,
      [](std::size_t i) { return std::pair(static_cast<double>(i) + 0.5, static_cast<double>(i) + 0.5); },
      [&](double from, double to) {
        const auto next = keyframes.upper_bound(from);
        return next != keyframes.end() && *next <= to;
      });
}

TEST(SplitAtKeyframes, EvenRangesWhereEveryGapHasAKeyframe) {
  std::set<double> every;
  for (int i = 0; i < 10; ++i) every.insert(i);
  EXPECT_EQ(split(10, 2, every), (Starts{0, 5}));
  EXPECT_EQ(split(10, 3, every), (Starts{0, 3, 7}));
  EXPECT_EQ(split(10, 1, every), (Starts{0}));
}

TEST(SplitAtKeyframes, OnlyAtKeyframesAndTheNearestToEven) {
  EXPECT_EQ(split(10, 2, {0, 3, 8}), (Starts{0, 3})) << "scene 3 is nearer half way than scene 8";
  EXPECT_EQ(split(10, 3, {0, 3, 8}), (Starts{0, 3, 8}));
  EXPECT_EQ(split(10, 4, {0, 3, 8}), (Starts{0, 3, 8})) << "no more ranges than keyframes allow";
}

TEST(SplitAtKeyframes, OneRangeWithoutKeyframesBetweenOrWithoutScenes) {
  EXPECT_EQ(split(10, 4, {0}), (Starts{0}));
  EXPECT_EQ(split(0, 4, {0}), (Starts{0}));
  EXPECT_EQ(split(1, 4, {0, 0.7}), (Starts{0}));
}

}  // namespace
}  // namespace autocut::analyze
