#include "sys/parse/numbers.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseU64, AcceptsOnlyAWholeNumber) {
  EXPECT_EQ(parse_u64("42"), 42u);
  EXPECT_EQ(parse_u64(" 42\n"), 42u);
  EXPECT_EQ(parse_u64("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(parse_u64("18446744073709551616"));
  EXPECT_FALSE(parse_u64("-1"));
  EXPECT_FALSE(parse_u64("42kB"));
  EXPECT_FALSE(parse_u64(""));
}

TEST(ParseI64, AcceptsNegativeNumbers) {
  EXPECT_EQ(parse_i64("-1"), -1);
  EXPECT_FALSE(parse_i64("--1"));
}

TEST(ParseDouble, IgnoresLocale) {
  EXPECT_DOUBLE_EQ(*parse_double("0.25"), 0.25);
  EXPECT_FALSE(parse_double("0,25"));
  EXPECT_FALSE(parse_double("abc"));
}

TEST(SplitWhitespace, DropsEmptyFields) {
  const auto fields = split_whitespace("  a \t b   c ");
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0], "a");
  EXPECT_EQ(fields[2], "c");
}

TEST(ForEachLine, VisitsLastLineWithoutNewline) {
  std::vector<std::string> lines;
  for_each_line("a\nb\n\nc", [&](std::string_view line) { lines.emplace_back(line); });
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "", "c"}));
}

}  // namespace
}  // namespace autocut::sys::parse
