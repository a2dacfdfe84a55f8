// Which level the machine runs at, given what each rule demands: degrade at once to the weakest demanded level,
// recover one level at a time and only after a cool-down since the last transition. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/level.hpp"
#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {

struct Demand {
  std::string rule;
  core::Level level;
};

struct Arbiter {
  core::Level current = core::Level::local_cpu_only;
  std::optional<Clock::time_point> last_transition;
};

struct Transition {
  core::Level from;
  core::Level to;
  std::string rule;  // the rule that demanded a degrade, or "recovery"
};

struct ArbiterSettings {
  std::chrono::milliseconds cooldown{15000};
};

// `floor` is the manual floor (sticky until restored): recovery never climbs above it.
std::optional<Transition> arbitrate(Arbiter& arbiter, core::Level detected, std::optional<core::Level> floor,
                                    const std::vector<Demand>& demands, Clock::time_point now,
                                    const ArbiterSettings& settings);

}  // namespace autocut::monitor
