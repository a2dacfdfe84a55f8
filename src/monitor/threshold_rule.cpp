#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {
namespace {

bool crosses(const ThresholdRule& rule, double value) {
  return rule.direction == Direction::above ? value >= rule.enter : value < rule.enter;
}

bool clear(const ThresholdRule& rule, double value) {
  return rule.direction == Direction::above ? value <= rule.exit : value >= rule.exit;
}

}  // namespace

RuleState observe(RuleState state, const ThresholdRule& rule, std::optional<double> value, Clock::time_point now) {
  if (!value) {
    state.crossing_since.reset();
    state.clear_since.reset();
    return state;
  }
  if (!state.active) {
    if (!crosses(rule, *value)) {
      state.crossing_since.reset();  // the grace period must be continuous
      return state;
    }
    if (!state.crossing_since) state.crossing_since = now;
    if (now - *state.crossing_since >= rule.enter_for) {
      state.active = true;
      state.crossing_since.reset();
    }
    return state;
  }
  if (!clear(rule, *value)) {
    state.clear_since.reset();
    return state;
  }
  if (!state.clear_since) state.clear_since = now;
  if (now - *state.clear_since >= rule.exit_for) {
    state.active = false;
    state.clear_since.reset();
  }
  return state;
}

}  // namespace autocut::monitor
