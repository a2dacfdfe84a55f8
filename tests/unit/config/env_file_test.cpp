#include "config/env_file.hpp"

#include <gtest/gtest.h>

namespace autocut::config {
namespace {

TEST(ParseEnvFile, ReadsTheOriginalKeys) {
  const auto file = parse_env_file(
      "# local vision\nUSE_LOCAL_VISION=True\nLOCAL_VISION_MODEL=moondream\nOLLAMA_HOST=http://localhost:11434\n");
  EXPECT_TRUE(file.problems.empty());
  EXPECT_EQ(file.values.at("USE_LOCAL_VISION"), "True");
  EXPECT_EQ(file.values.at("LOCAL_VISION_MODEL"), "moondream");
  EXPECT_EQ(file.values.at("OLLAMA_HOST"), "http://localhost:11434");
}

struct Case {
  const char* line;
  const char* key;
  const char* value;
};

class ParseEnvFileValues : public ::testing::TestWithParam<Case> {};

TEST_P(ParseEnvFileValues, UndoQuotingAndComments) {
  const auto file = parse_env_file(GetParam().line);
  ASSERT_TRUE(file.problems.empty()) << GetParam().line << ": " << file.problems.front().message;
  EXPECT_EQ(file.values.at(GetParam().key), GetParam().value) << GetParam().line;
}

INSTANTIATE_TEST_SUITE_P(Table, ParseEnvFileValues,
                         ::testing::Values(Case{"A=b", "A", "b"}, Case{"export A=b", "A", "b"},
                                           Case{"A = b ", "A", "b"}, Case{"A=\"b c\"", "A", "b c"},
                                           Case{"A='b \\n c'", "A", "b \\n c"}, Case{"A=\"b\\nc\"", "A", "b\nc"},
                                           Case{"A=b # note", "A", "b"}, Case{"A=\"b # c\" # note", "A", "b # c"},
                                           Case{"A=", "A", ""}, Case{"A=b=c", "A", "b=c"}));

TEST(ParseEnvFile, MalformedLinesAreReportedWithTheirNumbersAndTheRestLoads) {
  const auto file = parse_env_file("GOOD=1\nthis is garbage\n\n1BAD=2\nQUOTE=\"open\nALSO_GOOD=2\n\xff\xfe\n");
  EXPECT_EQ(file.values.at("GOOD"), "1");
  EXPECT_EQ(file.values.at("ALSO_GOOD"), "2");
  ASSERT_EQ(file.problems.size(), 4u);
  EXPECT_EQ(file.problems[0].line, 2);
  EXPECT_EQ(file.problems[0].message, "expected KEY=value");
  EXPECT_EQ(file.problems[1].line, 4);
  EXPECT_EQ(file.problems[2].line, 5);
  EXPECT_EQ(file.problems[2].message, "unterminated quote");
  EXPECT_EQ(file.problems[3].line, 7);
}

TEST(ParseEnvFile, EmptyTextIsEmpty) {
  EXPECT_TRUE(parse_env_file("").values.empty());
  EXPECT_TRUE(parse_env_file("").problems.empty());
}

}  // namespace
}  // namespace autocut::config
