#include "monitor/monitor_config.hpp"

#include <chrono>
#include <cmath>

namespace autocut::monitor {
namespace {

std::chrono::milliseconds duration(double seconds) { return std::chrono::milliseconds(std::llround(seconds * 1000)); }

void apply(const config::MonitorKnobs::Threshold& knobs, const char* key_prefix, const char* unit, ThresholdRule& rule,
           std::vector<std::string>& errors) {
  auto tuned = rule;
  if (knobs.enter) tuned.enter = *knobs.enter;
  if (knobs.exit) tuned.exit = *knobs.exit;
  const bool hysteresis = tuned.direction == Direction::above ? tuned.exit < tuned.enter : tuned.exit > tuned.enter;
  if (!hysteresis) {
    errors.push_back(std::string(key_prefix) + "EXIT_" + unit + " must lie " +
                     (tuned.direction == Direction::above ? "below " : "above ") + key_prefix + "ENTER_" + unit +
                     " (now " + std::to_string(tuned.exit) + " and " + std::to_string(tuned.enter) + ")");
    return;
  }
  if (knobs.enter_s) tuned.enter_for = duration(*knobs.enter_s);
  if (knobs.exit_s) tuned.exit_for = duration(*knobs.exit_s);
  rule = tuned;
}

}  // namespace

MonitorSettings configured_monitor(const config::MonitorKnobs& knobs, std::vector<std::string>& errors) {
  MonitorSettings settings;
  if (knobs.interval_s) settings.interval = duration(*knobs.interval_s);
  if (knobs.history_minutes) settings.history_span = duration(*knobs.history_minutes * 60);

  auto& engine = settings.engine;
  if (knobs.cooldown_s) engine.arbiter.cooldown = duration(*knobs.cooldown_s);
  if (knobs.automatic) engine.automatic = *knobs.automatic;
  if (knobs.dry_run) engine.dry_run = *knobs.dry_run;
  apply(knobs.vram, "AUTOCUT_RULE_VRAM_", "PERCENT", engine.vram, errors);
  apply(knobs.memory, "AUTOCUT_RULE_MEMORY_", "GIB", engine.memory, errors);
  apply(knobs.memory_pressure, "AUTOCUT_RULE_PSI_", "PERCENT", engine.memory_pressure, errors);

  auto& failures = engine.failures;
  if (knobs.failure_percent) failures.failure_rate = *knobs.failure_percent / 100.0;
  if (knobs.failure_window_s) failures.window = duration(*knobs.failure_window_s);
  if (knobs.failure_min_tasks) failures.min_tasks = static_cast<std::size_t>(*knobs.failure_min_tasks);
  if (knobs.failure_trial_tasks) failures.trial_tasks = static_cast<int>(*knobs.failure_trial_tasks);
  if (knobs.failure_wait_s) failures.first_wait = duration(*knobs.failure_wait_s);
  if (knobs.failure_max_wait_s) failures.max_wait = duration(*knobs.failure_max_wait_s);
  if (failures.max_wait < failures.first_wait) {
    errors.push_back("AUTOCUT_RULE_FAILURES_MAX_WAIT_S must not be below AUTOCUT_RULE_FAILURES_WAIT_S");
    failures.max_wait = failures.first_wait;
  }
  return settings;
}

}  // namespace autocut::monitor
