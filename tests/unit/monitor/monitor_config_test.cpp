#include "monitor/monitor_config.hpp"

#include <gtest/gtest.h>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;

TEST(ConfiguredMonitor, WithoutKnobsItIsTheDesignDefaults) {
  std::vector<std::string> errors;
  const auto settings = configured_monitor({}, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(settings.interval, 5s);
  EXPECT_EQ(settings.history_capacity(), 720u) << "one hour at 5 s";
  EXPECT_EQ(settings.engine.vram.enter, 85.0);
  EXPECT_EQ(settings.engine.vram.exit_for, 120s);
  EXPECT_EQ(settings.engine.memory.enter, 2.0);
  EXPECT_EQ(settings.engine.memory.exit_for, 300s);
  EXPECT_EQ(settings.engine.arbiter.cooldown, 15s);
  EXPECT_EQ(settings.engine.failures.failure_rate, 0.30);
  EXPECT_EQ(settings.engine.failures.max_wait, 600s);
}

TEST(ConfiguredMonitor, KnobsOverrideAndTheHistoryStillCoversItsSpan) {
  config::MonitorKnobs knobs;
  knobs.interval_s = 1;
  knobs.history_minutes = 10;
  knobs.memory.enter = 1.5;
  knobs.memory.exit_s = 0.5;
  knobs.cooldown_s = 0;
  knobs.failure_percent = 50;
  knobs.dry_run = true;
  std::vector<std::string> errors;
  const auto settings = configured_monitor(knobs, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(settings.history_capacity(), 600u);
  EXPECT_EQ(settings.engine.memory.enter, 1.5);
  EXPECT_EQ(settings.engine.memory.exit, 3.0) << "untouched";
  EXPECT_EQ(settings.engine.memory.exit_for, 500ms);
  EXPECT_EQ(settings.engine.arbiter.cooldown, 0ms);
  EXPECT_EQ(settings.engine.failures.failure_rate, 0.5);
  EXPECT_TRUE(settings.engine.dry_run);
}

TEST(ConfiguredMonitor, AnExitThresholdOnTheWrongSideIsRefusedAndTheRuleKeepsItsDefaults) {
  config::MonitorKnobs knobs;
  knobs.vram.exit = 90;  // above the default enter of 85: the rule would flap
  knobs.vram.enter_s = 1;
  knobs.memory.enter = 4;  // above the default exit of 3 GiB
  std::vector<std::string> errors;
  const auto settings = configured_monitor(knobs, errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("AUTOCUT_RULE_VRAM_EXIT_PERCENT must lie below AUTOCUT_RULE_VRAM_ENTER_PERCENT"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[1].find("AUTOCUT_RULE_MEMORY_EXIT_GIB must lie above AUTOCUT_RULE_MEMORY_ENTER_GIB"),
            std::string::npos)
      << errors[1];
  EXPECT_EQ(settings.engine.vram.exit, 75.0);
  EXPECT_EQ(settings.engine.vram.enter_for, 15s);
}

}  // namespace
}  // namespace autocut::monitor
