// Recent task outcomes and their failure rate over a sliding window (resilience4j's time-based window): no rate
// below a minimum number of tasks. Bounded whatever the task rate. Not thread-safe; the monitor guards it.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {

struct TaskOutcome {
  Clock::time_point time;
  std::string kind;     // "vision", "planning", "editing"
  std::string backend;  // as the policy names it
  bool ok = true;
  std::chrono::milliseconds duration{0};
  std::string error;  // what went wrong, when it did
};

class TaskOutcomes {
 public:
  explicit TaskOutcomes(std::size_t capacity = 4096) : capacity_(capacity) {}

  void record(TaskOutcome outcome);
  // Failures over tasks of `kind` within `window` before `now`, and not before `since` when given; nullopt below
  // `min_tasks` (too few to judge).
  std::optional<double> failure_rate(const std::string& kind, Clock::time_point now, std::chrono::milliseconds window,
                                     std::size_t min_tasks, std::optional<Clock::time_point> since = {}) const;
  std::size_t size() const { return outcomes_.size(); }

 private:
  std::size_t capacity_;
  std::deque<TaskOutcome> outcomes_;  // oldest first
};

}  // namespace autocut::monitor
