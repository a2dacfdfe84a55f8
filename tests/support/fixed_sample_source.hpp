// A monitor sample source that reports the same figures every time, stamped with the time it is asked at: for
// tests that need the service running, not the machine's real load.
#pragma once

#include "monitor/system_sampler.hpp"

namespace autocut::testing {

class FixedSampleSource final : public monitor::SampleSource {
 public:
  explicit FixedSampleSource(monitor::Sample figures) : figures_(std::move(figures)) {}

  monitor::Sample sample(monitor::Clock::time_point now, std::chrono::system_clock::time_point wall) override {
    auto sample = figures_;
    sample.time = now;
    sample.wall_time = wall;
    return sample;
  }

 private:
  monitor::Sample figures_;
};

}  // namespace autocut::testing
