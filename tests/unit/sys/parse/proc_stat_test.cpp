#include "sys/parse/proc_stat.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseProcStat, SumsBusyAndIdleJiffies) {
  const auto times = parse_proc_stat_cpu("cpu  100 5 50 1000 20 3 2 1 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\nintr 1\n");
  ASSERT_TRUE(times);
  EXPECT_EQ(times->busy, 100u + 5 + 50 + 3 + 2 + 1);
  EXPECT_EQ(times->idle, 1020u);
}

TEST(ParseProcStat, RejectsWhatIsNotTheCpuLine) {
  EXPECT_FALSE(parse_proc_stat_cpu("cpu0 1 2 3 4 5 6 7 8\n"));
  EXPECT_FALSE(parse_proc_stat_cpu("cpu 1 2 x 4 5 6 7 8\n"));
  EXPECT_FALSE(parse_proc_stat_cpu("cpu 1 2\n"));
  EXPECT_FALSE(parse_proc_stat_cpu(""));
}

TEST(CpuPercent, IsTheBusyShareBetweenReadings) {
  EXPECT_DOUBLE_EQ(*cpu_percent({100, 900}, {150, 950}), 50.0);
  EXPECT_FALSE(cpu_percent({100, 900}, {100, 900})) << "no time passed";
  EXPECT_FALSE(cpu_percent({100, 900}, {90, 950})) << "counters went back";
}

}  // namespace
}  // namespace autocut::sys::parse
