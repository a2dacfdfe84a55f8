#include "core/printable.hpp"

#include <gtest/gtest.h>

namespace autocut::core {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

struct Case {
  std::string input;
  std::string expected;
};

class Printable : public ::testing::TestWithParam<Case> {};

TEST_P(Printable, KeepsValidTextAndReplacesTheRest) { EXPECT_EQ(printable(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Table, Printable,
    ::testing::Values(Case{"AMD EPYC 7763", "AMD EPYC 7763"},
                      Case{"系统运行模式 🧠\n\t", "系统运行模式 🧠\n\t"},
                      Case{std::string("a\0b", 3), "a" + std::string(kReplacement) + "b"},
                      Case{"\x1b[31m", std::string(kReplacement) + "[31m"}, Case{"\xff", std::string(kReplacement)},
                      Case{"\xC0\xAF", std::string(kReplacement) + std::string(kReplacement)},  // overlong '/'
                      Case{"\xED\xA0\x80",
                           std::string(kReplacement) + kReplacement.data() + kReplacement.data()},  // surrogate
                      Case{"\xE4\xB8", std::string(kReplacement) + std::string(kReplacement)},      // truncated
                      Case{"\x7f", std::string(kReplacement)}));

}  // namespace
}  // namespace autocut::core
