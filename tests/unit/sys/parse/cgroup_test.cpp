#include "sys/parse/cgroup.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseProcSelfCgroup, ReadsV1AndV2Lines) {
  const auto groups =
      parse_proc_self_cgroup("4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n0::/\n");
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].hierarchy_id, 4);
  EXPECT_EQ(groups[0].controllers, std::vector<std::string>{"memory"});
  EXPECT_EQ(groups[1].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
  EXPECT_EQ(groups[2].controllers, std::vector<std::string>{"name=systemd"});
  EXPECT_EQ(groups[3].hierarchy_id, 0);
  EXPECT_TRUE(groups[3].controllers.empty());
  EXPECT_EQ(groups[3].path, "/");
}

TEST(ParseProcSelfCgroup, SkipsMalformedLines) {
  EXPECT_TRUE(parse_proc_self_cgroup("junk\nx::/\n0:relative\n5:memory:no-slash\n").empty());
}

struct LimitCase {
  const char* text;
  std::optional<std::optional<std::uint64_t>> expected;  // outer: parsed at all; inner: a finite limit
};

class ParseByteLimit : public ::testing::TestWithParam<LimitCase> {};

TEST_P(ParseByteLimit, UnderstandsEveryWayOfSayingNoLimit) {
  const auto parsed = parse_byte_limit(GetParam().text);
  ASSERT_EQ(parsed.has_value(), GetParam().expected.has_value()) << GetParam().text;
  if (parsed) {
    EXPECT_EQ(parsed->bytes, *GetParam().expected) << GetParam().text;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ParseByteLimit,
                         ::testing::Values(LimitCase{"4294967296\n", std::optional<std::uint64_t>(4294967296)},
                                           LimitCase{"max\n", std::optional<std::uint64_t>()},
                                           LimitCase{"9223372036854771712\n", std::optional<std::uint64_t>()},
                                           LimitCase{"-1", std::nullopt}, LimitCase{"", std::nullopt},
                                           LimitCase{"lots", std::nullopt}));

TEST(ParseCpuMax, ReadsQuotaAndPeriod) {
  const auto max = parse_cpu_max("150000 100000\n");
  ASSERT_TRUE(max);
  EXPECT_EQ(max->quota_us, 150000u);
  EXPECT_EQ(max->period_us, 100000u);
}

TEST(ParseCpuMax, MaxMeansNoQuotaAndALoneNumberKeepsTheDefaultPeriod) {
  EXPECT_FALSE(parse_cpu_max("max 100000")->quota_us);
  EXPECT_EQ(parse_cpu_max("50000")->period_us, 100000u);
  EXPECT_FALSE(parse_cpu_max("100000 0"));
  EXPECT_FALSE(parse_cpu_max("0 100000"));
  EXPECT_FALSE(parse_cpu_max("a b"));
  EXPECT_FALSE(parse_cpu_max("1 2 3"));
}

TEST(ParseCfsQuota, MinusOneMeansNoQuota) {
  EXPECT_FALSE(parse_cfs_quota("-1\n", "100000\n")->quota_us);
  EXPECT_EQ(parse_cfs_quota("200000", "100000")->quota_us, 200000u);
  EXPECT_FALSE(parse_cfs_quota("-5", "100000"));
  EXPECT_FALSE(parse_cfs_quota("100", "0"));
}

}  // namespace
}  // namespace autocut::sys::parse
