#include "monitor/task_outcomes.hpp"

namespace autocut::monitor {

void TaskOutcomes::record(TaskOutcome outcome) {
  outcomes_.push_back(std::move(outcome));
  while (outcomes_.size() > capacity_) outcomes_.pop_front();
}

std::optional<double> TaskOutcomes::failure_rate(const std::string& kind, Clock::time_point now,
                                                 std::chrono::milliseconds window, std::size_t min_tasks,
                                                 std::optional<Clock::time_point> since) const {
  std::size_t total = 0, failed = 0;
  for (auto it = outcomes_.rbegin();
       it != outcomes_.rend() && now - it->time <= window && (!since || it->time >= *since); ++it) {
    if (it->kind != kind) continue;
    ++total;
    failed += it->ok ? 0 : 1;
  }
  if (total == 0 || total < min_tasks) return std::nullopt;
  return static_cast<double>(failed) / static_cast<double>(total);
}

}  // namespace autocut::monitor
