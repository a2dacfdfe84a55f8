#include "sys/parse/key_value.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParseKeyValues, SplitsStatusLinesAtTheColon) {
  const auto pairs = parse_key_values("Name:\tbash\nCpus_allowed_list:\t0-1\nbroken line\n", ':');
  EXPECT_EQ(find_value(pairs, "Cpus_allowed_list"), "0-1");
  EXPECT_EQ(find_value(pairs, "Name"), "bash");
  EXPECT_FALSE(find_value(pairs, "broken line"));
}

TEST(ParseKeyValues, SplitsMemoryStatAtWhitespace) {
  const auto pairs = parse_key_values("cache 100\ninactive_file 4096\ntotal_inactive_file 8192\n", ' ');
  EXPECT_EQ(find_value(pairs, "inactive_file"), "4096");
  EXPECT_EQ(find_value(pairs, "total_inactive_file"), "8192");
}

}  // namespace
}  // namespace autocut::sys::parse
