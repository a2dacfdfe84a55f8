#include "api/url_decoding.hpp"

#include <gtest/gtest.h>

namespace autocut::api {
namespace {

TEST(PercentDecode, DecodesEscapesAndRefusesBrokenOnes) {
  EXPECT_EQ(percent_decode("%E6%B5%8B%E8%AF%95", false), "测试");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_FALSE(percent_decode("%zz", false));
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_FALSE(percent_decode("%", false));
  EXPECT_FALSE(percent_decode("a%00b", false)) << "no NUL smuggled into a path or a value";
}

TEST(SplitTarget, SplitsPathAndQuery) {
  const auto target = split_target("/api/x?minutes=5&reason=%E6%B5%8B&empty=&flag&&dup=1&dup=2#frag");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/api/x");
  EXPECT_EQ(target->query.at("minutes"), "5");
  EXPECT_EQ(target->query.at("reason"), "测");
  EXPECT_EQ(target->query.at("empty"), "");
  EXPECT_EQ(target->query.at("flag"), "");
  EXPECT_EQ(target->query.at("dup"), "2");
  EXPECT_EQ(target->query.size(), 5u);
  EXPECT_FALSE(split_target("/a?x=%G0"));
}

}  // namespace
}  // namespace autocut::api
