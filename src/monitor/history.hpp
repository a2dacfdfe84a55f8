// The recent samples, in bounded memory whatever the uptime: every sample of the last `capacity` in a fixed-size
// ring, and before those one summary per minute for a day. A minute's summary is its busiest figures — the highest
// CPU, pressure, GPU memory and failure rate, the least memory available — what a threshold would have seen. Not
// thread-safe; the monitor guards it.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

#include "monitor/sample.hpp"

namespace autocut::monitor {

class History {
 public:
  // e.g. one hour at 5 s: 720; `minutes` summaries are kept before them.
  explicit History(std::size_t capacity, std::size_t minutes = 24 * 60);

  void add(Sample sample);
  // The samples taken within `span` before `now`, oldest first: minute summaries for the time before the oldest
  // sample kept whole, then every sample.
  std::vector<Sample> last(std::chrono::seconds span, Clock::time_point now) const;
  std::size_t size() const { return count_; }
  std::size_t capacity() const { return ring_.size(); }

 private:
  std::vector<Sample> ring_;
  std::size_t next_ = 0;   // where the next sample goes
  std::size_t count_ = 0;  // how many slots hold a sample

  std::size_t minutes_;
  std::deque<Sample> by_minute_;  // oldest first
  std::optional<Sample> this_minute_;
};

// The busiest figures of `a` and `b`, at the later one's time.
Sample busiest(const Sample& a, const Sample& b);

}  // namespace autocut::monitor
