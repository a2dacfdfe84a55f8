// The failure-rate rule: outcomes over a sliding window, and the breaker's open / half-open / closed cycle.
#include "monitor/failure_breaker.hpp"

#include <gtest/gtest.h>

#include "monitor/task_outcomes.hpp"

namespace autocut::monitor {
namespace {

using namespace std::chrono_literals;

const Clock::time_point t0{};

void record(TaskOutcomes& outcomes, int ok, int failed, Clock::time_point at) {
  for (int i = 0; i < ok; ++i) outcomes.record({at, "vision", "ollama-gpu", true, {}, {}});
  for (int i = 0; i < failed; ++i) outcomes.record({at, "vision", "ollama-gpu", false, {}, {}});
}

TEST(TaskOutcomes, NoRateBelowTheMinimumNumberOfTasks) {
  TaskOutcomes outcomes;
  record(outcomes, 2, 7, t0);
  EXPECT_FALSE(outcomes.failure_rate("vision", t0, 60s, 10)) << "9 tasks are too few to judge";
  record(outcomes, 1, 0, t0);
  EXPECT_DOUBLE_EQ(*outcomes.failure_rate("vision", t0, 60s, 10), 0.7);
}

TEST(TaskOutcomes, OnlyTheWindowAndTheKindCount) {
  TaskOutcomes outcomes;
  record(outcomes, 0, 10, t0);  // old failures
  record(outcomes, 10, 0, t0 + 100s);
  outcomes.record({t0 + 100s, "planning", "cloud", false, {}, {}});
  EXPECT_DOUBLE_EQ(*outcomes.failure_rate("vision", t0 + 100s, 60s, 10), 0.0);
  EXPECT_FALSE(outcomes.failure_rate("planning", t0 + 100s, 60s, 10));
}

TEST(TaskOutcomes, MemoryIsBoundedWhateverTheTaskRate) {
  TaskOutcomes outcomes(100);
  record(outcomes, 1000, 1000, t0);
  EXPECT_EQ(outcomes.size(), 100u);
}

TEST(FailureBreaker, OpensAtTheThresholdOnlyWithEnoughTasks) {
  const FailureBreakerSettings settings;
  FailureBreaker breaker;
  breaker = on_failure_rate(breaker, settings, std::nullopt, t0);
  EXPECT_EQ(breaker.state, BreakerState::closed);
  breaker = on_failure_rate(breaker, settings, 0.29, t0);
  EXPECT_EQ(breaker.state, BreakerState::closed);
  breaker = on_failure_rate(breaker, settings, 0.30, t0);
  EXPECT_EQ(breaker.state, BreakerState::open);
  EXPECT_TRUE(breaker.demanding());
}

TEST(FailureBreaker, HalfOpenTrialsCloseOrReopenWithALongerWait) {
  const FailureBreakerSettings settings;
  FailureBreaker breaker = on_failure_rate({}, settings, 0.5, t0);
  breaker = on_tick(breaker, settings, t0 + 59s);
  EXPECT_EQ(breaker.state, BreakerState::open) << "waits 60 s";
  breaker = on_tick(breaker, settings, t0 + 60s);
  EXPECT_EQ(breaker.state, BreakerState::half_open);
  EXPECT_FALSE(breaker.demanding()) << "trial tasks run locally";

  // Two failed trials out of five is over 30 %: open again, for twice as long.
  breaker = on_trial(breaker, settings, false, t0 + 61s);
  EXPECT_EQ(breaker.state, BreakerState::half_open);
  breaker = on_trial(breaker, settings, false, t0 + 62s);
  EXPECT_EQ(breaker.state, BreakerState::open);
  EXPECT_EQ(breaker.wait, 120s);
  breaker = on_tick(breaker, settings, t0 + 62s + 120s);
  ASSERT_EQ(breaker.state, BreakerState::half_open);

  for (int i = 0; i < 4; ++i) breaker = on_trial(breaker, settings, true, t0 + 200s);
  breaker = on_trial(breaker, settings, false, t0 + 200s);  // one in five is under 30 %
  EXPECT_EQ(breaker.state, BreakerState::closed);
  EXPECT_EQ(breaker.wait, 60s) << "the wait starts over once healthy";
}

TEST(FailureBreaker, TheWaitDoublingIsCapped) {
  const FailureBreakerSettings settings;
  FailureBreaker breaker = on_failure_rate({}, settings, 1.0, t0);
  auto now = t0;
  for (int round = 0; round < 8; ++round) {
    now += breaker.wait;
    breaker = on_tick(breaker, settings, now);
    ASSERT_EQ(breaker.state, BreakerState::half_open);
    breaker = on_trial(breaker, settings, false, now);
    breaker = on_trial(breaker, settings, false, now);
  }
  EXPECT_EQ(breaker.wait, 600s);
}

}  // namespace
}  // namespace autocut::monitor
