// `autocut monitor` on the live machine.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "e2e/autocut_binary.hpp"

namespace autocut::testing {
namespace {

int lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(MonitorCli, OnceAsJsonIsOneSampleWithTheLiveFigures) {
  const auto result = run_shell(autocut("monitor --once --json --env-file /dev/null"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines(result.out), 1);
  const auto sample = nlohmann::json::parse(result.out);
  EXPECT_TRUE(sample["cpu_percent"].is_number()) << "two readings apart give a CPU share";
  EXPECT_GT(sample["memory_available_bytes"].get<std::uint64_t>(), 0u);
  EXPECT_TRUE(sample["level"].is_string());
  EXPECT_TRUE(sample["active_rules"].is_array());
}

TEST(MonitorCli, CountStopsAfterThatManyLinesInEitherLanguage) {
  const auto english = run_shell(autocut("monitor --count 2 --interval 0.1 --lang en --env-file /dev/null"));
  ASSERT_EQ(english.exit_code, 0) << english.err;
  EXPECT_EQ(lines(english.out), 2);
  EXPECT_NE(english.out.find("GPU VRAM"), std::string::npos) << english.out;
  EXPECT_NE(english.out.find("task failures"), std::string::npos) << english.out;
  const auto chinese = run_shell(autocut("monitor --once --lang zh --env-file /dev/null"));
  EXPECT_NE(chinese.out.find("GPU 显存使用率"), std::string::npos) << chinese.out;
  EXPECT_NE(chinese.out.find("任务失败率"), std::string::npos) << chinese.out;
}

TEST(MonitorCli, AnInterruptEndsItCleanly) {
  const auto result =
      run_shell("timeout --preserve-status -s INT 2 " + autocut("monitor --interval 0.2 --env-file /dev/null"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GE(lines(result.out), 1);
}

TEST(MonitorCli, RulesAreTunedFromTheEnvironment) {
  // An enter threshold above any machine's memory: the rule trips on the first sample, and the line says so.
  const auto tripped =
      run_shell("AUTOCUT_RULE_MEMORY_ENTER_GIB=1000 AUTOCUT_RULE_MEMORY_EXIT_GIB=1001 AUTOCUT_RULE_MEMORY_ENTER_S=0 " +
                autocut("monitor --count 2 --interval 0.1 --json --env-file /dev/null"));
  ASSERT_EQ(tripped.exit_code, 0) << tripped.err;
  const auto last = nlohmann::json::parse(tripped.out.substr(tripped.out.rfind('{')));
  EXPECT_EQ(last["level"], "HYBRID");
  EXPECT_EQ(last["active_rules"], nlohmann::json::array({"memory"}));
}

TEST(MonitorCli, RulesThatWouldFlapAreRefusedWithOneLine) {
  const auto result = run_shell("AUTOCUT_RULE_VRAM_EXIT_PERCENT=95 " + autocut("monitor --once --env-file /dev/null"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("AUTOCUT_RULE_VRAM_EXIT_PERCENT must lie below AUTOCUT_RULE_VRAM_ENTER_PERCENT"),
            std::string::npos)
      << result.err;
  EXPECT_TRUE(result.out.empty());
}

}  // namespace
}  // namespace autocut::testing
