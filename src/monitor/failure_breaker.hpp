// The failure-rate rule as a circuit breaker (resilience4j): closed while local tasks mostly succeed; open (vision
// to the cloud) once the failure rate over the window reaches the threshold; after a wait, half-open: a few trial
// tasks on the local backend decide whether to close, or to open again with the wait doubled (capped). Pure.
#pragma once

#include <chrono>
#include <optional>

#include "core/level.hpp"
#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {

struct FailureBreakerSettings {
  double failure_rate = 0.30;
  std::chrono::milliseconds window{60000};
  std::size_t min_tasks = 10;
  std::chrono::milliseconds first_wait{60000};
  std::chrono::milliseconds max_wait{600000};
  int trial_tasks = 5;
  core::Level demands = core::Level::hybrid;
};

enum class BreakerState { closed, open, half_open };

struct FailureBreaker {
  BreakerState state = BreakerState::closed;
  std::optional<Clock::time_point> opened_at;
  std::chrono::milliseconds wait{60000};
  int trial_ok = 0;
  int trial_failed = 0;
  // When it last closed after a good trial: the failure rate counts only tasks from then on (resilience4j resets its
  // metrics on closing), else the failures that opened it would open it again at once.
  std::optional<Clock::time_point> closed_at;

  // Open demands the rule's level; half-open lets trial tasks run locally, so it demands nothing.
  bool demanding() const { return state == BreakerState::open; }
};

// The failure rate over the window changed (nullopt: too few tasks to judge, which never opens it).
FailureBreaker on_failure_rate(FailureBreaker breaker, const FailureBreakerSettings& settings,
                               std::optional<double> rate, Clock::time_point now);
// Time passed: an open breaker whose wait is over becomes half-open.
FailureBreaker on_tick(FailureBreaker breaker, const FailureBreakerSettings& settings, Clock::time_point now);
// A trial task on the local backend finished while half-open.
FailureBreaker on_trial(FailureBreaker breaker, const FailureBreakerSettings& settings, bool ok, Clock::time_point now);

}  // namespace autocut::monitor
