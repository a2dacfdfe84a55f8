#include "sys/child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

namespace autocut::sys {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kPath{"PATH=/usr/bin:/bin"};

std::unique_ptr<ChildProcess> shell(const std::string& script) {
  std::string error;
  auto child = ChildProcess::start({"/bin/sh", "-c", script}, kPath, error);
  EXPECT_TRUE(child) << error;
  return child;
}

TEST(ChildProcess, LinesComeAsTheyAreWrittenAndALastLineWithoutNewlineCounts) {
  auto child = shell("echo one; sleep 0.2; echo two; printf three");
  EXPECT_EQ(child->read_line(5s).line, "one");
  EXPECT_EQ(child->read_line(5s).line, "two");
  const auto last = child->read_line(5s);
  EXPECT_EQ(last.status, ReadStatus::line);
  EXPECT_EQ(last.line, "three");
  EXPECT_EQ(child->read_line(5s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(5s), 0);
}

TEST(ChildProcess, TalksBothWays) {
  auto child = shell("while read line; do echo \"got $line\"; done");
  ASSERT_TRUE(child->write_line("first"));
  EXPECT_EQ(child->read_line(5s).line, "got first");
  ASSERT_TRUE(child->write_line("second"));
  EXPECT_EQ(child->read_line(5s).line, "got second");
  child->close_input();
  EXPECT_EQ(child->read_line(5s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(5s), 0);
}

TEST(ChildProcess, InheritsNoDescriptorButItsThreeStreams) {
  const int ours = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC, as a library's socket may be
  ASSERT_GE(ours, 3);
  auto child = shell("[ -e /proc/$$/fd/" + std::to_string(ours) + " ] && echo leaked || echo closed");
  EXPECT_EQ(child->read_line(5s).line, "closed");
  ::close(ours);
}

TEST(ChildProcess, ASilentChildTimesOutWithoutEnding) {
  auto child = shell("sleep 30");
  EXPECT_EQ(child->read_line(50ms).status, ReadStatus::timed_out);
  child->request_stop();
  EXPECT_EQ(child->wait(5s), 128 + SIGTERM);
  EXPECT_EQ(child->ended_how(), "killed by signal 15");
}

TEST(ChildProcess, KeepsTheErrorOutputAndTheExitCode) {
  auto child = shell("echo 'cannot open the video' >&2; exit 4");
  EXPECT_EQ(child->read_line(5s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(5s), 4);
  EXPECT_EQ(child->ended_how(), "exit status 4");
  EXPECT_EQ(child->error_output(), "cannot open the video\n");
}

TEST(ChildProcess, AChildThatIgnoresTheEndIsKilledAtTheDeadline) {
  auto child = shell("trap '' TERM; echo ready; exec >&-; sleep 30");
  ASSERT_EQ(child->read_line(5s).line, "ready");  // the trap is set
  child->request_stop();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(child->wait(200ms), 128 + SIGKILL);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

TEST(ChildProcess, WritingToAChildThatHasGoneFailsInsteadOfRaisingSigpipe) {
  auto child = shell("exit 0");
  EXPECT_EQ(child->read_line(5s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(5s), 0);
  EXPECT_FALSE(child->write_line("anyone there?"));
}

TEST(ChildProcess, AnOverlongLineIsCutAndItsRestDropped) {
  auto child = shell("head -c 5000 /dev/zero | tr '\\0' x; echo; echo next");
  const auto first = child->read_line(5s, 1000);
  EXPECT_EQ(first.line, std::string(1000, 'x'));
  EXPECT_EQ(child->read_line(5s, 1000).line, "next");
  EXPECT_EQ(child->read_line(5s, 1000).status, ReadStatus::ended);
}

TEST(ChildProcess, AMissingProgramIsAnErrorNotAChild) {
  std::string error;
  EXPECT_FALSE(ChildProcess::start({"/nonexistent/autocut-analyze-worker"}, kPath, error));
  EXPECT_NE(error.find("/nonexistent/autocut-analyze-worker"), std::string::npos) << error;
}

TEST(ChildProcess, ADestroyedChildIsKilledAndReaped) {
  pid_t pid = 0;
  {
    auto child = shell("sleep 30");
    pid = child->pid();
  }
  EXPECT_NE(::kill(pid, 0), 0);  // gone, not a zombie: reaped
}

}  // namespace
}  // namespace autocut::sys
