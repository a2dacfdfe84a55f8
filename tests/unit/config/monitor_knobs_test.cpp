#include "config/monitor_knobs.hpp"

#include <gtest/gtest.h>

#include "config/settings.hpp"

namespace autocut::config {
namespace {

TEST(MonitorKnobs, UnsetKnobsStayUnsetSoTheRulesKeepTheirDefaults) {
  const auto settings = load_settings({}, {}, {});
  EXPECT_FALSE(settings.monitor.interval_s);
  EXPECT_FALSE(settings.monitor.vram.enter);
  EXPECT_FALSE(settings.monitor.dry_run);
  EXPECT_TRUE(settings.errors.empty());
}

TEST(MonitorKnobs, EachRuleReadsItsThresholdsAndDurations) {
  const auto settings = load_settings({},
                                      {{"AUTOCUT_RULE_MEMORY_ENTER_GIB", "1.5"},
                                       {"AUTOCUT_RULE_MEMORY_EXIT_GIB", "2.5"},
                                       {"AUTOCUT_RULE_MEMORY_EXIT_S", "0.5"},
                                       {"AUTOCUT_RULE_VRAM_ENTER_PERCENT", "90"},
                                       {"AUTOCUT_RULE_PSI_ENTER_S", "30"},
                                       {"AUTOCUT_RULE_FAILURES_PERCENT", "50"},
                                       {"AUTOCUT_MONITOR_INTERVAL_S", "1"},
                                       {"AUTOCUT_MONITOR_DRY_RUN", "yes"}},
                                      {});
  ASSERT_TRUE(settings.errors.empty()) << settings.errors[0];
  const auto& knobs = settings.monitor;
  EXPECT_EQ(knobs.memory.enter, 1.5);
  EXPECT_EQ(knobs.memory.exit, 2.5);
  EXPECT_EQ(knobs.memory.exit_s, 0.5);
  EXPECT_FALSE(knobs.memory.enter_s);
  EXPECT_EQ(knobs.vram.enter, 90.0);
  EXPECT_EQ(knobs.memory_pressure.enter_s, 30.0);
  EXPECT_EQ(knobs.failure_percent, 50.0);
  EXPECT_EQ(knobs.interval_s, 1.0);
  EXPECT_EQ(knobs.dry_run, true);
}

TEST(MonitorKnobs, RefusedValuesNameTheKeyAndTheRange) {
  const auto settings = load_settings({},
                                      {{"AUTOCUT_RULE_VRAM_ENTER_PERCENT", "150"},
                                       {"AUTOCUT_MONITOR_INTERVAL_S", "fast"},
                                       {"AUTOCUT_RULE_MEMORY_EXIT_S", "nan"},
                                       {"AUTOCUT_MONITOR_AUTOMATIC", "sometimes"}},
                                      {});
  ASSERT_EQ(settings.errors.size(), 4u);
  const auto has = [&](const std::string& text) {
    for (const auto& error : settings.errors)
      if (error == text) return true;
    return false;
  };
  EXPECT_TRUE(has("AUTOCUT_MONITOR_INTERVAL_S=\"fast\" is not a number of seconds from 0.1 to 3600"));
  EXPECT_TRUE(has("AUTOCUT_RULE_VRAM_ENTER_PERCENT=\"150\" is not a percentage from 1 to 100"));
  EXPECT_TRUE(has("AUTOCUT_RULE_MEMORY_EXIT_S=\"nan\" is not a number of seconds from 0 to 86400"));
  EXPECT_TRUE(has("AUTOCUT_MONITOR_AUTOMATIC=\"sometimes\" is not true or false"));
  EXPECT_FALSE(settings.monitor.vram.enter);
}

}  // namespace
}  // namespace autocut::config
