// One adaptation rule on one signal, with hysteresis in value and in time (kubelet eviction thresholds, systemd-oomd):
// it becomes active once the signal has crossed `enter` continuously for `enter_for`, and clears once it has been
// back past `exit` continuously for `exit_for`. Pure: the caller owns the state and the clock.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/level.hpp"

namespace autocut::monitor {

using Clock = std::chrono::steady_clock;

enum class Direction {
  above,  // pressure when the signal is high (VRAM used %, PSI)
  below,  // pressure when the signal is low (available memory)
};

struct ThresholdRule {
  std::string name;
  Direction direction = Direction::above;
  double enter = 0;
  std::chrono::milliseconds enter_for{15000};
  double exit = 0;  // past enter, so that a signal hovering at the threshold cannot flap the rule
  std::chrono::milliseconds exit_for{120000};
  core::Level demands = core::Level::local_cpu_only;
};

struct RuleState {
  bool active = false;
  std::optional<Clock::time_point> crossing_since;  // inactive: when the signal crossed `enter`
  std::optional<Clock::time_point> clear_since;     // active: when the signal went back past `exit`
};

// A missing observation (nullopt) holds the state and restarts both timers: unknown time is neither pressure nor
// health.
RuleState observe(RuleState state, const ThresholdRule& rule, std::optional<double> value, Clock::time_point now);

}  // namespace autocut::monitor
