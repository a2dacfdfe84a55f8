// `autocut policy` and `autocut admit` as a user meets them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"

namespace autocut::testing {
namespace {

std::string fake(const std::string& scenario) {
  return "AUTOCUT_NVML_LIBRARY=" + shell_quote(AUTOCUT_FAKE_NVML) + " AUTOCUT_FAKE_NVML_SCENARIO=" + scenario + " ";
}

const std::string kVm = " --env-file /dev/null --root " + shell_quote(fixture_host("debian12-vm").string());

TEST(PolicyCli, JsonNamesEveryTaskKind) {
  const auto result = run_shell(fake("one-card") + autocut("policy --json" + kVm));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto policy = nlohmann::json::parse(result.out);
  EXPECT_EQ(policy["detected_class"], "LOCAL_GPU_MID");
  for (const char* kind : {"vision", "planning", "editing"}) EXPECT_TRUE(policy.contains(kind)) << kind;
}

TEST(PolicyCli, LevelShowsWhatALevelWouldDo) {
  const auto result = run_shell("OPENAI_API_KEY=x " + fake("one-card") + autocut("policy --json --level HYBRID" + kVm));
  const auto policy = nlohmann::json::parse(result.out);
  EXPECT_EQ(policy["level"], "HYBRID");
  EXPECT_EQ(policy["vision"]["backend"], "cloud");
}

TEST(PolicyCli, AFloorFromTheEnvironmentLowersTheLevel) {
  const auto result =
      run_shell("AUTOCUT_LEVEL_FLOOR=LOCAL_CPU_ONLY " + fake("one-card") + autocut("policy --json" + kVm));
  EXPECT_EQ(nlohmann::json::parse(result.out)["level"], "LOCAL_CPU_ONLY");
}

TEST(PolicyCli, UnknownLevelIsRefused) {
  const auto result = run_shell(autocut("policy --level LOCAL_QUANTUM" + kVm));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("LOCAL_QUANTUM"), std::string::npos) << result.err;
}

TEST(PolicyCli, AnInvalidSettingNamesKeyValueAndRange) {
  const auto result = run_shell("AUTOCUT_FIT_FACTOR=0.2 " + autocut("policy" + kVm));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "autocut: AUTOCUT_FIT_FACTOR=\"0.2\" is not a factor from 1.0 to 4.0\n");
  EXPECT_TRUE(result.out.empty());
}

TEST(AdmitCli, SaysWhereVisionWouldRun) {
  const auto result = run_shell("env -u OPENAI_API_KEY " + autocut("admit vision" + kVm));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Vision: the builtin analyzer"), std::string::npos) << result.out;
}

TEST(AdmitCli, ATaskThatCannotRunExitsOneWithTheReason) {
  const auto result = run_shell("env -u OPENAI_API_KEY -u DEEPSEEK_API_KEY " + autocut("admit planning --json" + kVm));
  EXPECT_EQ(result.exit_code, 1);
  const auto answer = nlohmann::json::parse(result.out);
  EXPECT_FALSE(answer["admitted"].get<bool>());
  EXPECT_EQ(answer["reasons"][0]["code"], "no_planner");
}

TEST(AdmitCli, UnknownKindIsRefused) {
  const auto result = run_shell(autocut("admit dancing" + kVm));
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
}  // namespace autocut::testing
