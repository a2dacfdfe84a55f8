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

TEST(History, EmptyIsEmpty) {
  const History history(10);
  EXPECT_TRUE(history.last(1h, Clock::time_point{}).empty());
}

}  // namespace
}  // namespace autocut::monitor
