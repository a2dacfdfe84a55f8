#include "monitor/failure_breaker.hpp"

#include <algorithm>

namespace autocut::monitor {
namespace {

FailureBreaker open(FailureBreaker breaker, std::chrono::milliseconds wait, Clock::time_point now) {
  breaker.state = BreakerState::open;
  breaker.opened_at = now;
  breaker.wait = wait;
  breaker.trial_ok = breaker.trial_failed = 0;
  return breaker;
}

}  // namespace

FailureBreaker on_failure_rate(FailureBreaker breaker, const FailureBreakerSettings& settings,
                               std::optional<double> rate, Clock::time_point now) {
  if (breaker.state != BreakerState::closed || !rate || *rate < settings.failure_rate) return breaker;
  return open(breaker, settings.first_wait, now);
}

FailureBreaker on_tick(FailureBreaker breaker, const FailureBreakerSettings&, Clock::time_point now) {
  if (breaker.state == BreakerState::open && breaker.opened_at && now - *breaker.opened_at >= breaker.wait) {
    breaker.state = BreakerState::half_open;
    breaker.trial_ok = breaker.trial_failed = 0;
  }
  return breaker;
}

FailureBreaker on_trial(FailureBreaker breaker, const FailureBreakerSettings& settings, bool ok,
                        Clock::time_point now) {
  if (breaker.state != BreakerState::half_open) return breaker;
  (ok ? breaker.trial_ok : breaker.trial_failed) += 1;
  const int done = breaker.trial_ok + breaker.trial_failed;
  // Decide as soon as the outcome is certain: enough failures to reach the rate, or all trials in.
  const int allowed = static_cast<int>(settings.failure_rate * settings.trial_tasks);
  if (breaker.trial_failed > allowed) return open(breaker, std::min(breaker.wait * 2, settings.max_wait), now);
  if (done >= settings.trial_tasks) {
    breaker.state = BreakerState::closed;
    breaker.opened_at.reset();
    breaker.closed_at = now;
    breaker.wait = settings.first_wait;
  }
  return breaker;
}

}  // namespace autocut::monitor
