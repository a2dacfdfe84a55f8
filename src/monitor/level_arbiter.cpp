#include "monitor/level_arbiter.hpp"

#include <algorithm>

namespace autocut::monitor {

std::optional<Transition> arbitrate(Arbiter& arbiter, core::Level detected, std::optional<core::Level> floor,
                                    const std::vector<Demand>& demands, Clock::time_point now,
                                    const ArbiterSettings& settings) {
  core::Level target = std::max(detected, floor.value_or(detected));
  std::string cause = floor && *floor > detected ? "manual" : "detected";
  for (const auto& demand : demands)
    if (demand.level > target) target = demand.level, cause = demand.rule;

  if (target == arbiter.current) return std::nullopt;
  // Pressure is acted on at once (each rule has debounced itself); recovery waits for the counters to settle after
  // the last change and then climbs one level, so a machine is never thrown back to full load in one step.
  core::Level next = target;
  if (target < arbiter.current) {
    if (arbiter.last_transition && now - *arbiter.last_transition < settings.cooldown) return std::nullopt;
    next = static_cast<core::Level>(static_cast<int>(arbiter.current) - 1);
  }
  Transition transition{arbiter.current, next, target > arbiter.current ? cause : std::string("recovery")};
  arbiter.current = next;
  arbiter.last_transition = now;
  return transition;
}

}  // namespace autocut::monitor
