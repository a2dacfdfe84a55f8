#include "core/level.hpp"

#include <gtest/gtest.h>

#include "core/cpu_list.hpp"
#include "core/language.hpp"

namespace autocut::core {
namespace {

TEST(Level, NamesRoundTripForEveryLevel) {
  for (auto level :
       {Level::local_gpu_high, Level::local_gpu_mid, Level::local_gpu_low, Level::local_cpu_only, Level::hybrid}) {
    EXPECT_EQ(parse_level(to_string(level)), level);
  }
  EXPECT_EQ(to_string(Level::local_cpu_only), "LOCAL_CPU_ONLY");
  EXPECT_FALSE(parse_level("local_cpu_only"));
}

TEST(Level, WeakerLevelsCompareGreater) {
  EXPECT_LT(Level::local_gpu_high, Level::local_gpu_mid);
  EXPECT_LT(Level::local_cpu_only, Level::hybrid);
}

TEST(Language, ChineseLocalesChooseChinese) {
  EXPECT_EQ(language_from_locale("zh_CN.UTF-8"), Language::zh);
  EXPECT_EQ(language_from_locale("zh_TW"), Language::zh);
  EXPECT_EQ(language_from_locale("en_US.UTF-8"), Language::en);
  EXPECT_EQ(language_from_locale("C"), Language::en);
  EXPECT_EQ(parse_language("zh"), Language::zh);
  EXPECT_FALSE(parse_language("fr"));
}

TEST(CpuList, FormatsRunsCompactly) {
  EXPECT_EQ(format_cpulist({}), "");
  EXPECT_EQ(format_cpulist({0}), "0");
  EXPECT_EQ(format_cpulist({0, 1, 2, 3, 8, 10, 11}), "0-3,8,10-11");
}

}  // namespace
}  // namespace autocut::core
