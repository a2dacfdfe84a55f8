#include "monitor/history.hpp"

#include <algorithm>

namespace autocut::monitor {
namespace {

template <typename T>
std::optional<T> higher(const std::optional<T>& a, const std::optional<T>& b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

template <typename T>
std::optional<T> lower(const std::optional<T>& a, const std::optional<T>& b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

long long minute_of(const Sample& sample) {
  return std::chrono::duration_cast<std::chrono::minutes>(sample.time.time_since_epoch()).count();
}

}  // namespace

Sample busiest(const Sample& a, const Sample& b) {
  Sample merged = a.time > b.time ? a : b;
  const auto& other = a.time > b.time ? b : a;
  merged.cpu_percent = higher(merged.cpu_percent, other.cpu_percent);
  merged.memory_available_bytes = lower(merged.memory_available_bytes, other.memory_available_bytes);
  merged.memory_pressure_full_avg10 = higher(merged.memory_pressure_full_avg10, other.memory_pressure_full_avg10);
  merged.cpu_pressure_some_avg10 = higher(merged.cpu_pressure_some_avg10, other.cpu_pressure_some_avg10);
  merged.io_pressure_some_avg10 = higher(merged.io_pressure_some_avg10, other.io_pressure_some_avg10);
  merged.task_failure_rate = higher(merged.task_failure_rate, other.task_failure_rate);
  for (const auto& gpu : other.gpus) {
    const auto same = std::find_if(merged.gpus.begin(), merged.gpus.end(),
                                   [&](const GpuLoad& g) { return g.pci_address == gpu.pci_address; });
    if (same == merged.gpus.end()) {
      merged.gpus.push_back(gpu);
      continue;
    }
    same->memory_used_percent = higher(same->memory_used_percent, gpu.memory_used_percent);
    same->utilization_percent = higher(same->utilization_percent, gpu.utilization_percent);
    same->lost = same->lost || gpu.lost;
  }
  return merged;
}

History::History(std::size_t capacity, std::size_t minutes) : ring_(std::max<std::size_t>(capacity, 1)), minutes_(minutes) {}

void History::add(Sample sample) {
  if (this_minute_ && minute_of(*this_minute_) != minute_of(sample)) {
    by_minute_.push_back(std::move(*this_minute_));
    this_minute_.reset();
    if (by_minute_.size() > minutes_) by_minute_.pop_front();
  }
  this_minute_ = this_minute_ ? busiest(*this_minute_, sample) : sample;
  ring_[next_] = std::move(sample);
  next_ = (next_ + 1) % ring_.size();
  count_ = std::min(count_ + 1, ring_.size());
}

std::vector<Sample> History::last(std::chrono::seconds span, Clock::time_point now) const {
  std::vector<Sample> samples;
  const std::size_t oldest = (next_ + ring_.size() - count_) % ring_.size();
  const auto within = [&](const Sample& sample) { return now - sample.time <= span; };
  // Summaries only for the time no whole sample covers.
  const auto covered_from = count_ ? ring_[oldest].time : Clock::time_point::max();
  for (const auto& minute : by_minute_)
    if (minute.time < covered_from && within(minute)) samples.push_back(minute);
  if (this_minute_ && this_minute_->time < covered_from && within(*this_minute_)) samples.push_back(*this_minute_);
  for (std::size_t i = 0; i < count_; ++i) {
    const auto& sample = ring_[(oldest + i) % ring_.size()];
    if (within(sample)) samples.push_back(sample);
  }
  return samples;
}

}  // namespace autocut::monitor
