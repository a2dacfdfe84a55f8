#include "sys/parse/cpulist.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

struct Case {
  const char* text;
  std::optional<std::vector<int>> expected;
};

class ParseCpulist : public ::testing::TestWithParam<Case> {};

TEST_P(ParseCpulist, MatchesTheKernelFormat) {
  EXPECT_EQ(parse_cpulist(GetParam().text), GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Table, ParseCpulist,
                         ::testing::Values(Case{"0-3", std::vector<int>{0, 1, 2, 3}}, Case{"0", std::vector<int>{0}},
                                           Case{"0-1,4,6-7\n", std::vector<int>{0, 1, 4, 6, 7}},
                                           Case{"3,1,1", std::vector<int>{1, 3}}, Case{"", std::vector<int>{}},
                                           Case{"\n", std::vector<int>{}}, Case{"0-", std::nullopt},
                                           Case{"3-1", std::nullopt}, Case{"a", std::nullopt},
                                           Case{"0,,1", std::nullopt}, Case{"0-99999999", std::nullopt},
                                           Case{"-1", std::nullopt}));

}  // namespace
}  // namespace autocut::sys::parse
