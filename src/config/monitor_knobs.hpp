// The monitor's rules as a user may tune them (AUTOCUT_MONITOR_*, AUTOCUT_RULE_*). Each knob is unset unless
// configured: the defaults live once, with the rules themselves (monitor/engine.hpp, DESIGN §3).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace autocut::config {

struct MonitorKnobs {
  std::optional<double> interval_s;       // AUTOCUT_MONITOR_INTERVAL_S
  std::optional<double> history_minutes;  // AUTOCUT_MONITOR_HISTORY_MIN
  std::optional<double> cooldown_s;       // AUTOCUT_MONITOR_COOLDOWN_S
  std::optional<bool> automatic;          // AUTOCUT_MONITOR_AUTOMATIC
  std::optional<bool> dry_run;            // AUTOCUT_MONITOR_DRY_RUN

  struct Threshold {
    std::optional<double> enter, exit, enter_s, exit_s;
  };
  Threshold vram;             // AUTOCUT_RULE_VRAM_{ENTER,EXIT}_PERCENT, _{ENTER,EXIT}_S
  Threshold memory;           // AUTOCUT_RULE_MEMORY_{ENTER,EXIT}_GIB, ...
  Threshold memory_pressure;  // AUTOCUT_RULE_PSI_{ENTER,EXIT}_PERCENT, ...

  std::optional<double> failure_percent;      // AUTOCUT_RULE_FAILURES_PERCENT
  std::optional<double> failure_window_s;     // AUTOCUT_RULE_FAILURES_WINDOW_S
  std::optional<double> failure_min_tasks;    // AUTOCUT_RULE_FAILURES_MIN_TASKS
  std::optional<double> failure_wait_s;       // AUTOCUT_RULE_FAILURES_WAIT_S
  std::optional<double> failure_max_wait_s;   // AUTOCUT_RULE_FAILURES_MAX_WAIT_S
  std::optional<double> failure_trial_tasks;  // AUTOCUT_RULE_FAILURES_TRIAL_TASKS
};

using Lookup = std::function<std::optional<std::string>(const char* key)>;

// Reads every knob through `lookup`; a refused value is left unset and explained in `errors`.
MonitorKnobs load_monitor_knobs(const Lookup& lookup, std::vector<std::string>& errors);

}  // namespace autocut::config
