#include "config/monitor_knobs.hpp"

#include "config/values.hpp"

namespace autocut::config {
namespace {

struct NumberKnob {
  const char* key;
  std::optional<double> MonitorKnobs::*field;
  double low;
  double high;
  const char* accepted;
};

struct ThresholdKnobs {
  const char* prefix;  // AUTOCUT_RULE_<NAME>_
  const char* unit;    // PERCENT or GIB
  MonitorKnobs::Threshold MonitorKnobs::*field;
  double low;
  double high;
  const char* accepted;
};

constexpr double kDay = 86400;

constexpr NumberKnob kNumbers[] = {
    {"AUTOCUT_MONITOR_INTERVAL_S", &MonitorKnobs::interval_s, 0.1, 3600, "a number of seconds from 0.1 to 3600"},
    {"AUTOCUT_MONITOR_HISTORY_MIN", &MonitorKnobs::history_minutes, 1, 1440, "a number of minutes from 1 to 1440"},
    {"AUTOCUT_MONITOR_COOLDOWN_S", &MonitorKnobs::cooldown_s, 0, 3600, "a number of seconds from 0 to 3600"},
    {"AUTOCUT_RULE_FAILURES_PERCENT", &MonitorKnobs::failure_percent, 1, 100, "a percentage from 1 to 100"},
    {"AUTOCUT_RULE_FAILURES_WINDOW_S", &MonitorKnobs::failure_window_s, 1, kDay, "a number of seconds from 1 to 86400"},
    {"AUTOCUT_RULE_FAILURES_MIN_TASKS", &MonitorKnobs::failure_min_tasks, 1, 10000, "a count from 1 to 10000"},
    {"AUTOCUT_RULE_FAILURES_WAIT_S", &MonitorKnobs::failure_wait_s, 1, kDay, "a number of seconds from 1 to 86400"},
    {"AUTOCUT_RULE_FAILURES_MAX_WAIT_S", &MonitorKnobs::failure_max_wait_s, 1, kDay,
     "a number of seconds from 1 to 86400"},
    {"AUTOCUT_RULE_FAILURES_TRIAL_TASKS", &MonitorKnobs::failure_trial_tasks, 1, 100, "a count from 1 to 100"},
};

constexpr ThresholdKnobs kThresholds[] = {
    {"AUTOCUT_RULE_VRAM_", "PERCENT", &MonitorKnobs::vram, 1, 100, "a percentage from 1 to 100"},
    {"AUTOCUT_RULE_MEMORY_", "GIB", &MonitorKnobs::memory, 0.1, 1024, "a size in GiB from 0.1 to 1024"},
    {"AUTOCUT_RULE_PSI_", "PERCENT", &MonitorKnobs::memory_pressure, 0, 100, "a percentage from 0 to 100"},
};

void read_number(const Lookup& lookup, const std::string& key, double low, double high, const std::string& accepted,
                 std::optional<double>& into, std::vector<std::string>& errors) {
  const auto value = lookup(key.c_str());
  if (!value || value->empty()) return;
  if (const auto number = decimal_number(*value, low, high))
    into = number;
  else
    errors.push_back(out_of_range(key, *value, accepted));
}

void read_bool(const Lookup& lookup, const char* key, std::optional<bool>& into, std::vector<std::string>& errors) {
  const auto value = lookup(key);
  if (!value || value->empty()) return;
  if (const auto flag = parse_bool(*value))
    into = flag;
  else
    errors.push_back(out_of_range(key, *value, "true or false"));
}

}  // namespace

MonitorKnobs load_monitor_knobs(const Lookup& lookup, std::vector<std::string>& errors) {
  MonitorKnobs knobs;
  for (const auto& knob : kNumbers)
    read_number(lookup, knob.key, knob.low, knob.high, knob.accepted, knobs.*knob.field, errors);
  for (const auto& rule : kThresholds) {
    auto& threshold = knobs.*rule.field;
    const std::string prefix = rule.prefix;
    read_number(lookup, prefix + "ENTER_" + rule.unit, rule.low, rule.high, rule.accepted, threshold.enter, errors);
    read_number(lookup, prefix + "EXIT_" + rule.unit, rule.low, rule.high, rule.accepted, threshold.exit, errors);
    read_number(lookup, prefix + "ENTER_S", 0, kDay, "a number of seconds from 0 to 86400", threshold.enter_s, errors);
    read_number(lookup, prefix + "EXIT_S", 0, kDay, "a number of seconds from 0 to 86400", threshold.exit_s, errors);
  }
  read_bool(lookup, "AUTOCUT_MONITOR_AUTOMATIC", knobs.automatic, errors);
  read_bool(lookup, "AUTOCUT_MONITOR_DRY_RUN", knobs.dry_run, errors);
  return knobs;
}

}  // namespace autocut::config
