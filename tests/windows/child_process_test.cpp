// The Windows ChildProcess under Wine, with a helper child (child_helper.exe) showing each behaviour: lines both
// ways, arguments and environment passed exactly, error output and exit status kept, a deadline that kills, and a
// job object that takes the child's own children with it.
#include "sys/child_process.hpp"

#include <gtest/gtest.h>
#include <windows.h>

#include "sys/own_program.hpp"

namespace autocut::sys {
namespace {

using namespace std::chrono_literals;

std::string helper() { return (own_program_path().parent_path() / "child_helper.exe").string(); }

std::unique_ptr<ChildProcess> run(std::vector<std::string> arguments, std::vector<std::string> environment = {}) {
  arguments.insert(arguments.begin(), helper());
  std::string error;
  auto child = ChildProcess::start(arguments, environment, error);
  EXPECT_TRUE(child) << error;
  return child;
}

bool process_running(DWORD pid) {
  HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, pid);
  if (!process) return false;
  const bool running = WaitForSingleObject(process, 0) == WAIT_TIMEOUT;
  CloseHandle(process);
  return running;
}

TEST(WindowsChildProcess, TalksLineByLineBothWays) {
  auto child = run({"echo"});
  ASSERT_TRUE(child->write_line("first"));
  EXPECT_EQ(child->read_line(10s).line, "got first");
  ASSERT_TRUE(child->write_line("second"));
  EXPECT_EQ(child->read_line(10s).line, "got second");
  child->close_input();
  EXPECT_EQ(child->read_line(10s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(10s), 0);
  EXPECT_EQ(child->ended_how(), "exit status 0");
}

TEST(WindowsChildProcess, ArgumentsArriveExactlyAsGiven) {
  auto child = run({"args", "C:\\Program Files\\x y", "say \"hi\"", "", "trailing\\"});
  EXPECT_EQ(child->read_line(10s).line, "[C:\\Program Files\\x y]");
  EXPECT_EQ(child->read_line(10s).line, "[say \"hi\"]");
  EXPECT_EQ(child->read_line(10s).line, "[]");
  EXPECT_EQ(child->read_line(10s).line, "[trailing\\]");
}

TEST(WindowsChildProcess, TheEnvironmentIsExactlyTheOneGiven) {
  const std::string system_root = std::getenv("SystemRoot") ? std::getenv("SystemRoot") : "C:\\windows";
  auto child = run({"env", "AUTOCUT_TEST_VALUE"}, {"AUTOCUT_TEST_VALUE=42", "SystemRoot=" + system_root});
  EXPECT_EQ(child->read_line(10s).line, "42");
  auto without = run({"env", "PATH"}, {"SystemRoot=" + system_root});
  EXPECT_EQ(without->read_line(10s).line, "(unset)");
}

TEST(WindowsChildProcess, KeepsTheErrorOutputAndTheExitStatus) {
  auto child = run({"fail"});
  EXPECT_EQ(child->read_line(10s).status, ReadStatus::ended);
  EXPECT_EQ(child->wait(10s), 4);
  EXPECT_EQ(child->ended_how(), "exit status 4");
  EXPECT_NE(child->error_output().find("cannot open the video"), std::string::npos) << child->error_output();
}

TEST(WindowsChildProcess, AnOverlongLineIsCutAndItsRestDropped) {
  auto child = run({"long"});
  EXPECT_EQ(child->read_line(10s, 1000).line, std::string(1000, 'x'));
  EXPECT_EQ(child->read_line(10s, 1000).line, "next");
  EXPECT_EQ(child->read_line(10s, 1000).status, ReadStatus::ended);
}

TEST(WindowsChildProcess, ASilentChildTimesOutAndIsKilledAtTheDeadline) {
  auto child = run({"silent"});
  EXPECT_EQ(child->read_line(50ms).status, ReadStatus::timed_out);
  const auto start = std::chrono::steady_clock::now();
  child->wait(200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(child->ended_how(), "ended by autocut");
}

TEST(WindowsChildProcess, KillingItEndsWhatItStartedToo) {
  auto child = run({"spawn"});
  const auto line = child->read_line(10s);
  ASSERT_EQ(line.status, ReadStatus::line);
  const DWORD grandchild = std::stoul(line.line);
  EXPECT_TRUE(process_running(grandchild));
  child->kill();
  child->wait(10s);
  for (int tries = 0; tries < 100 && process_running(grandchild); ++tries) Sleep(50);
  EXPECT_FALSE(process_running(grandchild));
}

TEST(WindowsChildProcess, AMissingProgramIsAnErrorNotAChild) {
  std::string error;
  EXPECT_FALSE(ChildProcess::start({"C:\\nonexistent\\autocut-analyze-worker.exe"}, {}, error));
  EXPECT_NE(error.find("C:\\nonexistent\\autocut-analyze-worker.exe"), std::string::npos) << error;
}

}  // namespace
}  // namespace autocut::sys
