#include "analyze/scenes.hpp"

#include <gtest/gtest.h>

namespace autocut::analyze {
namespace {

TEST(ParseTime, SecondsAndTimecodes) {
  EXPECT_EQ(parse_time("12.5"), 12.5);
  EXPECT_EQ(parse_time("00:01:02.250"), 62.25);
  EXPECT_EQ(parse_time("01:02.5"), 62.5);
  for (const char* bad : {"", "-1", "1:60", "1.5:00", "a", "1:2:3:4", "nan", "inf"})
    EXPECT_FALSE(parse_time(bad)) << bad;
}

TEST(ParseScenesJson, ReadsSecondsOrTimecodesAndMarksBadEntries) {
  const auto list = parse_scenes_json(R"([{"start": 0, "end": "00:00:03.000"}, {"start": -1, "end": 4}, {"end": 5}])");
  ASSERT_TRUE(list.error.empty());
  ASSERT_EQ(list.scenes.size(), 3u);
  EXPECT_EQ(list.scenes[0].end_s, 3.0);
  EXPECT_TRUE(list.scenes[0].error.empty());
  EXPECT_FALSE(list.scenes[1].error.empty());
  EXPECT_FALSE(list.scenes[2].error.empty());
  EXPECT_EQ(parse_scenes_json(R"({"scenes": [{"start": 1, "end": 2}]})").scenes.size(), 1u);
  EXPECT_EQ(parse_scenes_json("{oops").error, "the scenes are not valid JSON");
  EXPECT_FALSE(parse_scenes_json(R"({"start": 1})").error.empty());
}

// The shapes a Python caller hands over: the original's {start_time, end_time} and PySceneDetect's (start, end) pairs.
TEST(ParseScenesJson, ReadsLongNamesAndPairs) {
  const auto list = parse_scenes_json(
      R"([{"start_time": 1.5, "end_time": "00:00:04.000"}, [4, 6.25], [7], [8, 9, 10], {"start_time": 1}])");
  ASSERT_TRUE(list.error.empty());
  ASSERT_EQ(list.scenes.size(), 5u);
  EXPECT_EQ(list.scenes[0].start_s, 1.5);
  EXPECT_EQ(list.scenes[0].end_s, 4.0);
  EXPECT_TRUE(list.scenes[0].error.empty());
  EXPECT_EQ(list.scenes[1].start_s, 4.0);
  EXPECT_EQ(list.scenes[1].end_s, 6.25);
  EXPECT_TRUE(list.scenes[1].error.empty());
  for (std::size_t i = 2; i < 5; ++i) EXPECT_FALSE(list.scenes[i].error.empty()) << i;
}

TEST(ParseScenesCsv, ReadsPySceneDetectListScenes) {
  const auto list = parse_scenes_csv(
      "Timecode List:,00:00:03.000,00:00:06.000\n"
      "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,End Time (seconds),"
      "Length (frames),Length (timecode),Length (seconds)\n"
      "1,1,00:00:00.000,0.000,75,00:00:03.000,3.000,75,00:00:03.000,3.000\n"
      "2,76,00:00:03.000,3.000,150,00:00:06.000,6.000,75,00:00:03.000,3.000\r\n");
  ASSERT_TRUE(list.error.empty()) << list.error;
  ASSERT_EQ(list.scenes.size(), 2u);
  EXPECT_EQ(list.scenes[1].start_s, 3.0);
  EXPECT_EQ(list.scenes[1].end_s, 6.0);
  EXPECT_FALSE(parse_scenes_csv("a,b\n1,2\n").error.empty());
}

TEST(CheckScenes, EachBadSceneSaysWhyAndTheRestGoOn) {
  auto list = parse_scenes_json(
      R"([{"start":0,"end":3},{"start":2,"end":4},{"start":5,"end":4},{"start":4,"end":20},{"start":30,"end":31}])");
  list = check_scenes(std::move(list), 12.0);
  EXPECT_TRUE(list.scenes[0].error.empty());
  EXPECT_EQ(list.scenes[1].error, "overlaps scene 1");
  EXPECT_EQ(list.scenes[2].error, "ends before it starts");
  EXPECT_TRUE(list.scenes[3].error.empty());
  EXPECT_EQ(list.scenes[3].end_s, 12.0) << "cut at the end of the video";
  EXPECT_EQ(list.scenes[4].error, "starts after the video ends");
  EXPECT_EQ(check_scenes(parse_scenes_json("[]"), 12.0).error, "the scene list is empty");
}

}  // namespace
}  // namespace autocut::analyze
