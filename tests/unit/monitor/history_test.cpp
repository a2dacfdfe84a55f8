#include "monitor/history.hpp"

#include <gtest/gtest.h>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;

Sample at(Clock::time_point time, double cpu) {
  Sample sample;
  sample.time = time;
  sample.cpu_percent = cpu;
  return sample;
}

TEST(History, KeepsTheNewestWithinItsCapacity) {
  History history(3);
  const Clock::time_point t0{};
  for (int i = 0; i < 5; ++i) history.add(at(t0 + i * 5s, i));
  EXPECT_EQ(history.size(), 3u);
  const auto all = history.last(1h, t0 + 20s);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all.front().cpu_percent, 2.0) << "oldest first";
  EXPECT_EQ(all.back().cpu_percent, 4.0);
}

TEST(History, AnswersTheLastMinutes) {
  History history(720);
  const Clock::time_point t0{};
  for (int i = 0; i < 120; ++i) history.add(at(t0 + i * 5s, i));  // ten minutes
  EXPECT_EQ(history.last(60s, t0 + 595s).size(), 13u);
  EXPECT_EQ(history.last(5min, t0 + 595s).size(), 61u);
  EXPECT_TRUE(history.last(60s, t0 + 2h).empty());
}

TEST(History, BeforeTheWholeSamplesEachMinuteIsSummedUpByItsBusiestFigures) {
  History history(12);  // one minute at 5 s
  const Clock::time_point t0{};
  for (int i = 0; i < 3 * 720; ++i) {  // three hours; within each minute the CPU climbs and memory falls
    auto sample = at(t0 + i * 5s, i % 12);
    sample.memory_available_bytes = 1000 - i % 12;
    sample.gpus = {{"0000:01:00.0", 20.0 + i % 12, 50.0, false}};
    history.add(sample);
  }
  const auto now = t0 + 3h - 5s;
  const auto day = history.last(24h, now);
  ASSERT_EQ(day.size(), 179u + 12u) << "the minutes before the last, then its twelve samples";
  for (std::size_t i = 0; i < 179; ++i) {
    EXPECT_EQ(day[i].cpu_percent, 11.0) << i;
    EXPECT_EQ(day[i].memory_available_bytes, 989u) << i;
    ASSERT_EQ(day[i].gpus.size(), 1u);
    EXPECT_EQ(day[i].gpus[0].memory_used_percent, 31.0);
    EXPECT_EQ(day[i].time, t0 + std::chrono::minutes(i) + 55s) << "at the minute's last sample";
  }
  for (std::size_t i = 1; i < day.size(); ++i) EXPECT_LT(day[i - 1].time, day[i].time) << "oldest first";
  EXPECT_EQ(history.last(5min, now).size(), 5u + 12u) << "the five minutes before the last (the edge included)";
}

TEST(History, ADayOfMinutesAtMost) {
  History history(60);  // one hour at a minute
  const Clock::time_point t0{};
  for (int i = 0; i < 30 * 60; ++i) history.add(at(t0 + i * 60s, i));  // thirty hours
  const auto now = t0 + 30h - 60s;
  const auto day = history.last(24h, now);
  EXPECT_EQ(day.size(), 24u * 60 + 1) << "the whole day's minutes, the edge included";
  EXPECT_LE(now - day.front().time, 24h);
  EXPECT_EQ(history.last(48h, now).size(), day.size()) << "no further back than a day";
}

TEST(History, EmptyIsEmpty) {
  const History history(10);
  EXPECT_TRUE(history.last(1h, Clock::time_point{}).empty());
}

}  // namespace
}  // namespace autocut::monitor
