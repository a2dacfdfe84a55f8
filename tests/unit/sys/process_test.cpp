#include "sys/process.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace autocut::sys {
namespace {

using namespace std::chrono_literals;

TEST(RunProcess, CapturesOutputAndExitCode) {
  const auto result = run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, 5s);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_FALSE(result.timed_out);
}

TEST(RunProcess, AHangingProgramIsKilledAtTheDeadline) {
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_process({"/bin/sleep", "30"}, 200ms);
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.exit_code, 128 + 9);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(RunProcess, AProgramThatClosesItsOutputAndHangsIsKilledToo) {
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_process({"/bin/sh", "-c", "exec >&- 2>&-; sleep 30"}, 200ms, 1024, {"PATH=/usr/bin:/bin"});
  EXPECT_TRUE(result.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(RunProcess, TheChildGetsOnlyTheEnvironmentItIsGiven) {
  ::setenv("AUTOCUT_TEST_SECRET", "sk-should-not-pass", 1);
  const auto result = run_process({"/usr/bin/env"}, 5s, 1u << 20, {"ONLY=this"});
  EXPECT_EQ(result.out, "ONLY=this\n");
}

TEST(RunProcess, AMissingProgramIsAnError) {
  const auto result = run_process({"/nonexistent/ffmpeg"}, 1s);
  EXPECT_NE(result.error.find("cannot run /nonexistent/ffmpeg"), std::string::npos) << result.error;
}

TEST(RunProcess, OutputIsCapped) {
  const auto result = run_process({"/bin/sh", "-c", "head -c 100000 /dev/zero"}, 5s, 1000, {"PATH=/usr/bin:/bin"});
  EXPECT_EQ(result.out.size(), 1000u);
  EXPECT_EQ(result.exit_code, 0);
}

}  // namespace
}  // namespace autocut::sys
