#include "sys/parse/meminfo.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

constexpr std::string_view kMeminfo =
    "MemTotal:       24684096 kB\n"
    "MemFree:        24421228 kB\n"
    "MemAvailable:   24395668 kB\n"
    "Buffers:           11164 kB\n"
    "SwapTotal:       2097148 kB\n"
    "SwapFree:        2097000 kB\n"
    "HugePages_Total:       0\n";

TEST(ParseMeminfo, ReadsTotalsInBytes) {
  const auto info = parse_meminfo(kMeminfo);
  EXPECT_EQ(info.total_bytes, 24684096ull * 1024);
  EXPECT_EQ(info.available_bytes, 24395668ull * 1024);
  EXPECT_EQ(info.swap_total_bytes, 2097148ull * 1024);
  EXPECT_EQ(info.swap_free_bytes, 2097000ull * 1024);
}

TEST(ParseMeminfo, NeverSubstitutesMemFreeForMemAvailable) {
  const auto info = parse_meminfo("MemTotal: 1000 kB\nMemFree: 500 kB\n");
  EXPECT_EQ(info.total_bytes, 1024000u);
  EXPECT_FALSE(info.available_bytes);
}

struct MalformedCase {
  const char* name;
  const char* text;
};

class ParseMeminfoMalformed : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(ParseMeminfoMalformed, LeavesTheFieldUnknown) {
  EXPECT_FALSE(parse_meminfo(GetParam().text).total_bytes) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(Table, ParseMeminfoMalformed,
                         ::testing::Values(MalformedCase{"words", "MemTotal: lots kB\n"},
                                           MalformedCase{"wrong unit", "MemTotal: 100 MB\n"},
                                           MalformedCase{"overflow", "MemTotal: 99999999999999999999 kB\n"},
                                           MalformedCase{"extra field", "MemTotal: 1 kB x\n"},
                                           MalformedCase{"empty", ""}, MalformedCase{"no colon", "MemTotal 100 kB\n"}));

}  // namespace
}  // namespace autocut::sys::parse
