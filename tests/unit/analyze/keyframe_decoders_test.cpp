// Where a job's scenes fall into runs a decoder takes whole: at each keyframe between two scenes, where one decoder
// going through them in order would seek anyway.
#include "analyze/keyframe_decoders.hpp"

#include <gtest/gtest.h>

#include <set>

namespace autocut::analyze {
namespace {

using Starts = std::vector<std::size_t>;

// Scene i spans [i, i + 1) seconds with its keyframe in the middle; keyframes of the video lie at `keyframes`.
Starts runs(std::size_t scenes, std::set<double> keyframes) {
  return runs_at_keyframes(
      scenes, [](std::size_t i) { return std::pair(static_cast<double>(i) + 0.5, static_cast<double>(i) + 0.5); },
      [&](double from, double to) {
        const auto next = keyframes.upper_bound(from);
        return next != keyframes.end() && *next <= to;
      });
}

TEST(RunsAtKeyframes, ARunStartsAtEachKeyframeBetweenTwoScenes) {
  std::set<double> every;
  for (int i = 0; i < 5; ++i) every.insert(i);
  EXPECT_EQ(runs(5, every), (Starts{0, 1, 2, 3, 4}));
  EXPECT_EQ(runs(10, {0, 3, 8}), (Starts{0, 3, 8}));
  EXPECT_EQ(runs(10, {0, 3.2, 3.4, 8}), (Starts{0, 3, 8})) << "two keyframes between the same scenes: one start";
}

TEST(RunsAtKeyframes, OneRunWithoutKeyframesBetweenOrWithoutScenes) {
  EXPECT_EQ(runs(10, {0}), (Starts{0}));
  EXPECT_EQ(runs(0, {0}), (Starts{0}));
  EXPECT_EQ(runs(1, {0, 0.7}), (Starts{0}));
  EXPECT_EQ(runs(3, {0, 0.5}), (Starts{0})) << "a keyframe on scene 0's own frame is behind the decoder";
  EXPECT_EQ(runs(3, {0, 1.5}), (Starts{0, 1})) << "a keyframe on scene 1's frame is where it seeks to";
}

}  // namespace
}  // namespace autocut::analyze
