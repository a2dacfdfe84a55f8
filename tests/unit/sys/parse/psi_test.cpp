#include "sys/parse/psi.hpp"

#include <gtest/gtest.h>

namespace autocut::sys::parse {
namespace {

TEST(ParsePsi, ReadsSomeAndFull) {
  const auto psi = parse_psi(
      "some avg10=1.50 avg60=0.25 avg300=0.00 total=123456\nfull avg10=0.10 avg60=0.00 avg300=0.00 total=42\n");
  ASSERT_TRUE(psi);
  EXPECT_DOUBLE_EQ(psi->some.avg10, 1.5);
  EXPECT_DOUBLE_EQ(psi->some.avg60, 0.25);
  EXPECT_EQ(psi->some.total_us, 123456u);
  ASSERT_TRUE(psi->full);
  EXPECT_EQ(psi->full->total_us, 42u);
}

TEST(ParsePsi, FullLineIsOptional) {
  const auto psi = parse_psi("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
  ASSERT_TRUE(psi);
  EXPECT_FALSE(psi->full);
}

class ParsePsiMalformed : public ::testing::TestWithParam<const char*> {};

TEST_P(ParsePsiMalformed, IsRejectedWhole) { EXPECT_FALSE(parse_psi(GetParam())) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(Table, ParsePsiMalformed,
                         ::testing::Values("", "some avg10=abc avg60=0 avg300=0 total=0",
                                           "some avg10=0 avg60=0 total=0", "some avg10=101 avg60=0 avg300=0 total=0",
                                           "some avg10=0 avg60=0 avg300=0 total=-1",
                                           "some avg10=0 avg60=0 avg300=0 total=0\nfull avg10=x",
                                           "full avg10=0 avg60=0 avg300=0 total=0",
                                           "some avg10=nan avg60=0 avg300=0 total=0"));

}  // namespace
}  // namespace autocut::sys::parse
