// The fault matrix (docs/reliability.md): the real binary under a full disk, SIGKILL in the middle of saves, a
// descriptor limit far below its clients. Each test names the fault it makes and what must survive it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "e2e/autocut_binary.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {
namespace {

using nlohmann::json;

const std::string kVm = shell_quote(fixture_host("debian12-vm").string());
const std::string kHybrid = shell_quote(fixture_host("intel-hybrid-13900k").string());

// A small tmpfs needs mount rights: root, or a user namespace of our own. Tried for real, since a namespace may be
// allowed where mounting in it is not. Empty when neither works here.
std::string tmpfs_runner() {
  TempDir probe;
  const auto dir = shell_quote(probe.path().string());
  const auto tried =
      run_shell("unshare -rm sh -c " + shell_quote("mount -t tmpfs -o size=64k tmpfs " + dir + " && umount " + dir));
  return tried.exit_code == 0 ? "unshare -rm bash -c " : "";
}

TEST(Faults, AFullDiskDuringASaveKeepsTheOldDocumentAndServeServing) {
  const auto runner = tmpfs_runner();
  if (runner.empty()) GTEST_SKIP() << "no way to mount a small tmpfs here (not root, no user namespaces)";
  TempDir work;
  const auto disk = (work.path() / "disk").string();
  std::filesystem::create_directories(disk);
  const auto out = (work.path() / "serve.txt").string();
  // Saved with room (by profile, then by serve as it starts and completes detection); then the disk is filled; then
  // a second profile, a reload of the running service and its stop each try to save.
  const std::string script =
      "mount -t tmpfs -o size=128k tmpfs " + shell_quote(disk) + " && " +
      autocut("profile --root " + kVm + " --state-dir " + shell_quote(disk)) + " >/dev/null; " +
      autocut("serve --quiet --listen 127.0.0.1:0 --env-file /dev/null --root " + kVm + " --state-dir " +
              shell_quote(disk)) +
      " > " + shell_quote(out) + " 2>&1 & pid=$!; for i in $(seq 100); do grep -q 'serving on' " + shell_quote(out) +
      " && break; sleep 0.05; done; for i in $(seq 100); do grep -q 'detection complete' " + shell_quote(out) +
      " && break; sleep 0.05; done; PORT=$(sed -n 's/.*(port \\([0-9]*\\)).*/\\1/p' " + shell_quote(out) + "); cp " +
      shell_quote(disk + "/runtime_profile.json") + " " + shell_quote(work.path().string() + "/before.json") +
      "; dd if=/dev/zero of=" + shell_quote(disk + "/filler") + " bs=4k 2>/dev/null; " +
      autocut("profile --root " + kVm + " --state-dir " + shell_quote(disk)) + " >/dev/null 2>" +
      shell_quote(work.path().string() + "/profile.err") + "; echo profile=$?; " +
      "curl -s -o /dev/null -w 'reload=%{http_code}\\n' -X POST http://127.0.0.1:$PORT/api/runtime/profile/reload; "
      "curl -s -o /dev/null -w 'status=%{http_code}\\n' http://127.0.0.1:$PORT/api/runtime/status; "
      "kill -TERM $pid; wait $pid; echo serve=$?; cmp -s " +
      shell_quote(disk + "/runtime_profile.json") + " " + shell_quote(work.path().string() + "/before.json") +
      " && echo unchanged; ls -A " + shell_quote(disk) + " | tr '\\n' ' '; echo; umount " + shell_quote(disk);
  const auto result = run_shell(runner + shell_quote(script));
  EXPECT_NE(result.out.find("profile=1"), std::string::npos) << result.out << result.err;
  const auto error = read_text(work.path() / "profile.err");
  EXPECT_NE(error.find("No space left on device"), std::string::npos) << error;
  EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 1) << error;
  EXPECT_NE(result.out.find("reload=200"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("status=200"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("serve=0"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("unchanged"), std::string::npos) << "the old document stays whole: " << result.out;
  EXPECT_NE(result.out.find("filler runtime_profile.json \n"), std::string::npos)
      << "no temporary file is left behind: " << result.out;
  EXPECT_NE(read_text(out).find("No space left on device"), std::string::npos) << read_text(out);
}

// Where no tmpfs can be mounted the same path is taken through the file-size limit (EFBIG instead of ENOSPC).
TEST(Faults, AFileSizeLimitDuringASaveIsOneClearLineAndKeepsTheOldDocument) {
  TempDir state;
  ASSERT_EQ(
      run_shell(autocut("profile --root " + kVm + " --state-dir " + shell_quote(state.path().string()))).exit_code, 0);
  const auto before = read_text(state.path() / "runtime_profile.json");
  const auto result = run_shell(
      "bash -c " + shell_quote("trap '' XFSZ; ulimit -f 2; exec " + autocut("profile --root " + kVm + " --state-dir " +
                                                                            shell_quote(state.path().string()))));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("cannot write"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("File too large"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(read_text(state.path() / "runtime_profile.json"), before);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(state.path()), {}), 1) << "no temporary file left";
}

// Killed at any moment of a save, the file is the old document or the new one, never a torn mix.
TEST(Faults, SigkillAtRandomMomentsOf200SavesLeavesAWholeDocument) {
  TempDir state;
  const auto dir = shell_quote(state.path().string());
  ASSERT_EQ(run_shell(autocut("profile --root " + kVm + " --state-dir " + dir)).exit_code, 0);
  const auto fingerprint_of = [&](const std::string& root) {
    return json::parse(run_shell(autocut("profile --json --no-save --root " + root)).out)["fingerprint"];
  };
  const json vm = fingerprint_of(kVm), hybrid = fingerprint_of(kHybrid);
  std::mt19937 random(20261203);
  std::uniform_int_distribution<int> delay_us(0, 12000);
  int killed_midway = 0;
  for (int i = 0; i < 200; ++i) {
    const auto& root = i % 2 ? kVm : kHybrid;
    const auto result = run_shell(autocut("profile --root " + root + " --state-dir " + dir) +
                                  " >/dev/null 2>&1 & pid=$!; sleep " + std::to_string(delay_us(random) / 1e6) +
                                  "; kill -KILL $pid 2>/dev/null && echo killed; wait $pid; true");
    if (result.out.find("killed") != std::string::npos) ++killed_midway;
    const auto saved = json::parse(read_text(state.path() / "runtime_profile.json"), nullptr, false);
    ASSERT_FALSE(saved.is_discarded()) << "torn after run " << i;
    ASSERT_TRUE(saved["fingerprint"] == vm || saved["fingerprint"] == hybrid) << saved.dump();
  }
  EXPECT_GT(killed_midway, 20) << "the kills must land while the program runs for the test to mean anything";
}

// 64 descriptors and 200 clients at once: the server keeps serving the connections it has, the others wait in the
// backlog, and once they are gone it answers as before.
TEST(Faults, TheDescriptorLimitReachedByManyClientsIsSurvived) {
  TempDir state;
  const auto out = shell_quote((state.path() / "out.txt").string());
  const std::string script =
      "ulimit -n 64; " +
      autocut("serve --quiet --listen 127.0.0.1:0 --env-file /dev/null --root " + kVm + " --state-dir " +
              shell_quote(state.path().string())) +
      " > " + out + " 2>&1 & pid=$!; ulimit -n 4096; for i in $(seq 100); do grep -q 'serving on' " + out +
      " && break; sleep 0.05; done; PORT=$(sed -n 's/.*(port \\([0-9]*\\)).*/\\1/p' " + out +
      "); for i in $(seq 200); do curl -s -o /dev/null -w '%{http_code}\\n' --max-time 20 "
      "http://127.0.0.1:$PORT/api/runtime/status & done > " +
      shell_quote((state.path() / "codes.txt").string()) +
      "; wait $(jobs -p | grep -v \"^$pid$\"); "
      "curl -s -w ' after=%{http_code}\\n' http://127.0.0.1:$PORT/healthz; kill -TERM $pid; wait $pid; echo serve=$?";
  const auto result = run_shell("bash -c " + shell_quote(script));
  EXPECT_NE(result.out.find("after=200"), std::string::npos) << result.out << result.err;
  EXPECT_NE(result.out.find("serve=0"), std::string::npos) << result.out;
  const auto codes = read_text(state.path() / "codes.txt");
  EXPECT_EQ(std::count(codes.begin(), codes.end(), '\n'), 200) << codes;
  EXPECT_EQ(codes.find("000"), std::string::npos) << "every client was answered in the end:\n" << codes;
}

}  // namespace
}  // namespace autocut::testing
