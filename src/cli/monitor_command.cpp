#include "cli/monitor_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/process_settings.hpp"
#include "monitor/machine_sampler.hpp"
#include "monitor/monitor.hpp"
#include "monitor/monitor_config.hpp"
#include "monitor/sample_text.hpp"
#include "sys/stop_requests.hpp"

namespace autocut::cli {
CLI::App* add_monitor_command(CLI::App& app, MonitorOptions& options) {
  auto* command = app.add_subcommand("monitor", "Watch the figures the adaptation rules use, until interrupted");
  add_detection_flags(*command, options.detection);
  command->add_option("--interval", options.interval_s, "Seconds between samples")->check(CLI::Range(0.1, 3600.0));
  command->add_option("--count", options.count, "Stop after this many samples")->check(CLI::PositiveNumber);
  command->add_flag("--once", options.once, "Take one sample and stop");
  command->add_flag("--json", options.json, "Print samples as JSON lines");
  return command;
}

int run_monitor_command(const MonitorOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err) {
  std::vector<std::string> errors;
  auto monitor_settings = monitor::configured_monitor(settings.monitor, errors);
  for (const auto& error : errors) err << "autocut: " << error << "\n";
  if (!errors.empty()) return 2;
  if (options.interval_s)
    monitor_settings.interval = std::chrono::milliseconds(static_cast<long>(*options.interval_s * 1000));

  sys::StopRequests outside;
  const auto profile = detect_profile(options.detection, settings);
  monitor::Monitor monitor(monitor::machine_sampler(options.detection.root, profile, detect_options(settings)),
                           profile.profile_class, monitor_settings);
  const auto language = chosen_language(options.detection, locale_language);

  // Any request from outside ends the wait between samples and the command: a hang-up means its terminal has gone.
  const auto stop_within = [&outside](std::chrono::milliseconds wait) {
    for (const auto until = std::chrono::steady_clock::now() + wait;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      if (left <= std::chrono::milliseconds(0)) return false;
      if (outside.wait(left)) return true;
    }
  };
  // CPU use is a difference between two readings: the first sample only primes it.
  monitor.sample_now();
  if (stop_within(std::min(monitor_settings.interval, std::chrono::milliseconds(250)))) return 0;
  const int limit = options.once ? 1 : options.count.value_or(0);
  for (int printed = 0; limit == 0 || printed < limit; ++printed) {
    if (printed > 0 && stop_within(monitor_settings.interval)) break;
    monitor.sample_now();
    const auto status = monitor.status();
    if (options.json) {
      auto line = monitor::sample_to_json(*status.last_sample);
      line["level"] = core::to_string(status.level);
      line["active_rules"] = status.active_rules;
      out << line.dump() << std::endl;
    } else {
      out << monitor::sample_line(*status.last_sample, status.level, status.active_rules, language) << std::endl;
    }
  }
  return 0;
}

}  // namespace autocut::cli
