// Where the monitor's samples come from: the live machine on each platform (SystemSampler, WindowsSampler), a
// captured one, or a test's script of figures.
#pragma once

#include <chrono>

#include "monitor/sample.hpp"

namespace autocut::monitor {

class SampleSource {
 public:
  virtual ~SampleSource() = default;
  virtual Sample sample(Clock::time_point now, std::chrono::system_clock::time_point wall) = 0;
};

}  // namespace autocut::monitor
