#include "monitor/history.hpp"

#include <algorithm>

namespace autocut::monitor {

History::History(std::size_t capacity) : ring_(std::max<std::size_t>(capacity, 1)) {}

void History::add(Sample sample) {
  ring_[next_] = std::move(sample);
  next_ = (next_ + 1) % ring_.size();
  count_ = std::min(count_ + 1, ring_.size());
}

std::vector<Sample> History::last(std::chrono::seconds span, Clock::time_point now) const {
  std::vector<Sample> samples;
  const std::size_t oldest = (next_ + ring_.size() - count_) % ring_.size();
  for (std::size_t i = 0; i < count_; ++i) {
    const auto& sample = ring_[(oldest + i) % ring_.size()];
    if (now - sample.time <= span) samples.push_back(sample);
  }
  return samples;
}

}  // namespace autocut::monitor
