// The recent samples in a fixed-size ring: memory stays bounded whatever the uptime. Not thread-safe; the monitor
// guards it.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

#include "monitor/sample.hpp"

namespace autocut::monitor {

class History {
 public:
  explicit History(std::size_t capacity);  // e.g. one hour at 5 s: 720

  void add(Sample sample);
  // The samples taken within `span` before `now`, oldest first.
  std::vector<Sample> last(std::chrono::seconds span, Clock::time_point now) const;
  std::size_t size() const { return count_; }
  std::size_t capacity() const { return ring_.size(); }

 private:
  std::vector<Sample> ring_;
  std::size_t next_ = 0;   // where the next sample goes
  std::size_t count_ = 0;  // how many slots hold a sample
};

}  // namespace autocut::monitor
