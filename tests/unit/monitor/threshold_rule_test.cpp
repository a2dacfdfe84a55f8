// Scenario tests with a stepped clock: what a rule does with spikes, sustained pressure, flapping and gaps.
#include "monitor/threshold_rule.hpp"

#include <gtest/gtest.h>

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;

// VRAM used ≥ 85 % for 15 s → CPU only; clears at ≤ 75 % held 120 s (DESIGN §3).
const ThresholdRule kVram{"vram", Direction::above, 85, 15s, 75, 120s, core::Level::local_cpu_only};
// Available memory < 2 GiB for 15 s → HYBRID; clears at ≥ 3 GiB held 300 s.
const ThresholdRule kMemory{"memory", Direction::below, 2.0, 15s, 3.0, 300s, core::Level::hybrid};

// Feeds one value every 5 s and returns the state and the time of the first change of `active`.
struct Stepper {
  RuleState state;
  Clock::time_point now{};
  std::optional<Clock::duration> changed_after;

  Clock::time_point started{};

  void feed(const ThresholdRule& rule, std::initializer_list<std::optional<double>> values) {
    for (const auto& value : values) {
      const bool before = state.active;
      state = observe(state, rule, value, now);
      if (state.active != before && !changed_after) changed_after = now - started;
      now += 5s;
    }
  }

  void restart_clock() {
    changed_after.reset();
    started = now;
  }
};

TEST(ThresholdRule, ASpikeShorterThanTheEnterDurationDoesNothing) {
  Stepper run;
  run.feed(kVram, {50, 95, 95, 95, 50, 50});  // 10 s above: under 15 s
  EXPECT_FALSE(run.state.active);
  EXPECT_FALSE(run.changed_after);
}

TEST(ThresholdRule, SustainedPressureActivatesAfterTheEnterDuration) {
  Stepper run;
  run.feed(kVram, {90, 90, 90, 90, 90});
  EXPECT_TRUE(run.state.active);
  EXPECT_EQ(run.changed_after, Clock::duration(15s));
}

TEST(ThresholdRule, FlappingAroundTheThresholdDoesNotFlap) {
  Stepper run;
  run.feed(kVram, {86, 84, 86, 84, 86, 84, 86, 84});  // never 15 s continuously above
  EXPECT_FALSE(run.state.active);
  run.feed(kVram, {90, 90, 90, 90});
  ASSERT_TRUE(run.state.active);
  run.restart_clock();
  run.feed(kVram, {80, 84, 80, 84, 80, 84});  // below enter but above exit: still active
  EXPECT_TRUE(run.state.active);
}

TEST(ThresholdRule, RecoveryWaitsTheExitDuration) {
  Stepper run;
  run.feed(kVram, {90, 90, 90, 90});
  ASSERT_TRUE(run.state.active);
  run.restart_clock();
  for (int i = 0; i < 30; ++i) run.feed(kVram, {50});
  EXPECT_FALSE(run.state.active);
  EXPECT_EQ(run.changed_after, Clock::duration(120s));
}

TEST(ThresholdRule, OneBadSampleRestartsTheExitDuration) {
  Stepper run;
  run.feed(kMemory, {1.0, 1.0, 1.0, 1.0});
  ASSERT_TRUE(run.state.active);
  run.feed(kMemory, {4.0, 4.0, 4.0, 2.5, 4.0});  // 2.5 GiB is not past the exit threshold
  EXPECT_TRUE(run.state.active);
  EXPECT_TRUE(run.state.clear_since);
  EXPECT_EQ(*run.state.clear_since, run.now - 5s);
}

TEST(ThresholdRule, MissingSamplesHoldAndNeverCountAsHealthy) {
  Stepper run;
  run.feed(kMemory, {1.0, 1.0, 1.0, 1.0});
  ASSERT_TRUE(run.state.active);
  run.feed(kMemory, {4.0});
  for (int i = 0; i < 80; ++i) run.feed(kMemory, {std::nullopt});  // 400 s without data
  EXPECT_TRUE(run.state.active);
  EXPECT_FALSE(run.state.clear_since);
}

TEST(ThresholdRule, MissingSamplesInterruptTheEnterDuration) {
  Stepper run;
  run.feed(kVram, {90, 90, std::nullopt, 90, 90});
  EXPECT_FALSE(run.state.active);
}

}  // namespace
}  // namespace autocut::monitor
