// The adaptation logic of the monitor, without threads or clocks of its own: each sample goes through the rules,
// the breaker and the arbiter, and a level change comes out as one event. Not thread-safe; the monitor serialises
// calls.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "monitor/failure_breaker.hpp"
#include "monitor/level_arbiter.hpp"
#include "monitor/sample.hpp"
#include "monitor/threshold_rule.hpp"

namespace autocut::monitor {

struct EngineSettings {
  // DESIGN §3 defaults.
  ThresholdRule vram{"vram",
                     Direction::above,
                     85,
                     std::chrono::seconds(15),
                     75,
                     std::chrono::seconds(120),
                     core::Level::local_cpu_only};
  ThresholdRule memory{
      "memory",           Direction::below, 2.0, std::chrono::seconds(15), 3.0, std::chrono::seconds(300),
      core::Level::hybrid};  // GiB available
  ThresholdRule memory_pressure{"memory_pressure",         Direction::above,   10, std::chrono::seconds(15), 2,
                                std::chrono::seconds(300), core::Level::hybrid};  // PSI memory full avg10, %
  FailureBreakerSettings failures;
  ArbiterSettings arbiter;
  std::optional<core::Level> initial_floor;  // AUTOCUT_LEVEL_FLOOR: a manual floor from the start
  bool automatic = true;                     // off: only manual degrade and restore change the level
  bool dry_run = false;                      // decide and report, change nothing
};

struct Event {
  std::chrono::system_clock::time_point time;
  core::Level from;
  core::Level to;
  std::string rule;
  std::string reason;
  std::map<std::string, double> values;  // what was observed when it happened
  bool applied = true;                   // false in dry-run
};

class Engine {
 public:
  Engine(core::Level detected, EngineSettings settings);

  // Feeds one sample; returns the event when the level changed (or would have, in dry-run).
  std::optional<Event> step(const Sample& sample);
  // A task finished; while the failure breaker is half-open, tasks on a local backend are its trials.
  void task_finished(bool ok, bool local_backend, Clock::time_point now);
  std::optional<Event> degrade(const std::string& reason, Clock::time_point now,
                               std::chrono::system_clock::time_point wall);
  std::optional<Event> restore(const std::string& reason, Clock::time_point now,
                               std::chrono::system_clock::time_point wall);
  // The machine was detected again (a GPU added or gone): the class the rules start from changes.
  std::optional<Event> redetected(core::Level detected, Clock::time_point now,
                                  std::chrono::system_clock::time_point wall);
  core::Level detected() const { return detected_; }
  void set_dry_run(bool dry_run) { settings_.dry_run = dry_run; }

  core::Level level() const { return arbiter_.current; }
  std::optional<core::Level> floor() const { return floor_; }
  std::vector<std::string> active_rules() const;
  const EngineSettings& settings() const { return settings_; }
  // The failure rate is judged over the tasks since then (the breaker last closed), or over the whole window.
  std::optional<Clock::time_point> failures_counted_since() const { return breaker_.closed_at; }

 private:
  std::optional<Event> decide(Clock::time_point now, std::chrono::system_clock::time_point wall,
                              const std::string& reason, const std::map<std::string, double>& values);

  core::Level detected_;
  EngineSettings settings_;
  Arbiter arbiter_;
  std::optional<core::Level> floor_;
  RuleState vram_, memory_, pressure_;
  FailureBreaker breaker_;
};

}  // namespace autocut::monitor
