// The autocut command line as a user meets it: flags, saving, bad input, languages.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/autocut_binary.hpp"
#include "support/temp_dir.hpp"

namespace autocut::testing {
namespace {

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

const std::string kVm = shell_quote(fixture_host("debian12-vm").string());

TEST(Cli, UnknownFlagIsRefusedWithAClearError) {
  const auto result = run_shell(autocut("profile --bogus"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("--bogus"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST(Cli, MissingSubcommandIsRefused) {
  const auto result = run_shell(autocut(""));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("subcommand"), std::string::npos) << result.err;
}

TEST(Cli, UnknownLanguageIsRefused) {
  const auto result = run_shell(autocut("profile --lang fr --no-save"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("fr"), std::string::npos) << result.err;
}

TEST(Cli, RootThatDoesNotExistIsOneLineAndNonZero) {
  const auto result = run_shell(autocut("profile --root /no/such/machine"));
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("/no/such/machine"), std::string::npos) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
}

// A Windows machine's recording (tests/fixtures/windows) through the Windows probes, on this machine.
TEST(Cli, ARecordedWindowsMachineIsProfiledAndResolved) {
  const auto recording = shell_quote(std::string(AUTOCUT_WINDOWS_FIXTURES) + "/original-workstation-rtx4090.json");
  const auto profile = run_shell(autocut("profile --json --no-save --root " + recording));
  ASSERT_EQ(profile.exit_code, 0) << profile.err;
  const auto document = nlohmann::json::parse(profile.out);
  EXPECT_EQ(document["profile_class"], "LOCAL_GPU_HIGH");
  EXPECT_EQ(document["os"]["distribution"], "Windows 11 Pro 23H2");
  EXPECT_EQ(document["cpu"]["threads"], 24);
  EXPECT_EQ(document["gpu"]["name"], "NVIDIA GeForce RTX 4090");
  const auto policy = run_shell(autocut("policy --root " + recording));
  ASSERT_EQ(policy.exit_code, 0) << policy.err;
  EXPECT_NE(policy.out.find("DaVinci Resolve Studio is running and scriptable"), std::string::npos) << policy.out;
}

TEST(Cli, AFileThatIsNoRecordingSaysWhy) {
  TempDir dir;
  const auto file = dir.write("notes.json", "{\"hello\": 1}");
  const auto result = run_shell(autocut("profile --no-save --root " + shell_quote(file.string())));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("is not a Windows capture"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("nothing could be detected"), std::string::npos) << result.err;
}

TEST(Cli, EmptyRootGivesAPartialDocumentAndFails) {
  TempDir empty;
  const auto result = run_shell(autocut("profile --json --root " + shell_quote(empty.path().string())));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("nothing could be detected under"), std::string::npos) << result.err;
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["probes"]["memory"]["status"], "failed");
  EXPECT_EQ(document["profile_class"], "LOCAL_CPU_ONLY");
}

TEST(Cli, APartialCaptureIsReportedProbeByProbeNotAsNothing) {
  const auto result = run_shell(autocut("profile --no-save --lang en --root " +
                                        shell_quote(fixture_host("sysfs-topology-without-cpuinfo").string())));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("nothing could be detected"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("4 cores, 8 threads"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("cpu probe failed: cannot read /proc/cpuinfo"), std::string::npos) << result.out;
}

TEST(Cli, ProfilingACapturedMachineDoesNotSaveUnlessAsked) {
  TempDir cwd;
  const auto result = run_shell("cd " + shell_quote(cwd.path().string()) + " && " + autocut("profile --root " + kVm));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(std::filesystem::exists(cwd.path() / "runtime_profile.json"));
}

TEST(Cli, LiveProfileIsSavedInTheWorkingDirectoryByDefault) {
  TempDir cwd;
  const auto result = run_shell("cd " + shell_quote(cwd.path().string()) + " && " + autocut("profile --json"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto saved = nlohmann::json::parse(read_text(cwd.path() / "runtime_profile.json"));
  EXPECT_EQ(saved, nlohmann::json::parse(result.out));
}

TEST(Cli, StateDirReceivesTheProfile) {
  TempDir state;
  const auto result =
      run_shell(autocut("profile --root " + kVm + " --state-dir " + shell_quote(state.path().string())));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto saved = nlohmann::json::parse(read_text(state.path() / "runtime_profile.json"));
  EXPECT_EQ(saved["cpu"]["model"], "AMD EPYC");
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST(Cli, CorruptSavedProfileIsKeptAsideAndReplaced) {
  TempDir state;
  state.write("runtime_profile.json", "{ truncated");
  const auto result =
      run_shell(autocut("profile --root " + kVm + " --state-dir " + shell_quote(state.path().string())));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("was unusable (not valid JSON"), std::string::npos) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
  int aside = 0;
  for (const auto& entry : std::filesystem::directory_iterator(state.path()))
    if (entry.path().filename().string().starts_with("runtime_profile.json.corrupt-")) {
      ++aside;
      EXPECT_EQ(read_text(entry.path()), "{ truncated");
    }
  EXPECT_EQ(aside, 1);
  EXPECT_FALSE(nlohmann::json::parse(read_text(state.path() / "runtime_profile.json")).is_discarded());
}

TEST(Cli, OtherHardwareInTheSavedProfileIsReported) {
  TempDir state;
  const auto dir = " --state-dir " + shell_quote(state.path().string());
  ASSERT_EQ(run_shell(autocut("profile --root " + kVm + dir)).exit_code, 0);
  const auto result =
      run_shell(autocut("profile --root " + shell_quote(fixture_host("intel-hybrid-13900k").string()) + dir));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("the hardware changed since"), std::string::npos) << result.err;
  const auto saved = nlohmann::json::parse(read_text(state.path() / "runtime_profile.json"));
  EXPECT_EQ(saved["cpu"]["threads"], 32);
}

TEST(Cli, UnwritableDestinationIsOneClearLineAndNonZero) {
  TempDir state;
  const auto blocker = state.write("not-a-directory", "");
  const auto result = run_shell(
      autocut("profile --root " + kVm + " --output " + shell_quote((blocker / "runtime_profile.json").string())));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot create the directory"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("not-a-directory"), std::string::npos) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
  EXPECT_NE(result.out.find("LOCAL_CPU_ONLY"), std::string::npos) << "the explanation is still printed";
}

TEST(Cli, StateDirThatDoesNotExistIsMade) {
  TempDir state;
  const auto nested = state.path() / "new" / "state";
  const auto result = run_shell(autocut("profile --root " + kVm + " --state-dir " + shell_quote(nested.string())));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  EXPECT_EQ(nlohmann::json::parse(read_text(nested / "runtime_profile.json"))["cpu"]["model"], "AMD EPYC");
}

TEST(Cli, StateDirThatCannotBeMadeIsOneClearLine) {
  TempDir state;
  const auto blocker = state.write("a-file", "");
  const auto result =
      run_shell(autocut("profile --root " + kVm + " --state-dir " + shell_quote((blocker / "state").string())));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot create the directory"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("a-file/state"), std::string::npos) << result.err;
  EXPECT_EQ(line_count(result.err), 1) << result.err;
  EXPECT_EQ(read_text(blocker), "") << "the file in the way is left alone";
}

TEST(Cli, LangEnvironmentChoosesChinese) {
  const auto result = run_shell("LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 " + autocut("profile --no-save --root " + kVm));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("系统运行模式"), std::string::npos) << result.out;
}

TEST(Cli, LangFlagWinsOverTheEnvironment) {
  const auto result = run_shell("LANG=zh_CN.UTF-8 " + autocut("profile --lang en --no-save --root " + kVm));
  EXPECT_NE(result.out.find("Runtime mode"), std::string::npos) << result.out;
}

TEST(Cli, JsonAndExplainAreExclusive) {
  const auto result = run_shell(autocut("profile --json --explain --no-save"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("excludes"), std::string::npos) << result.err;
}

TEST(Cli, JsonAndExplanationDescribeTheSameMachine) {
  const auto json = nlohmann::json::parse(run_shell(autocut("profile --json --no-save --root " + kVm)).out);
  const auto text = run_shell(autocut("profile --explain --lang en --no-save --root " + kVm)).out;
  EXPECT_NE(text.find(std::to_string(json["cpu"]["threads"].get<int>()) + " threads"), std::string::npos) << text;
  EXPECT_NE(text.find(json["profile_class"].get<std::string>()), std::string::npos) << text;
}

}  // namespace
}  // namespace autocut::testing
