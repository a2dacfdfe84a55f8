#include "cli/monitor_command.hpp"

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "cli/process_settings.hpp"
#include "monitor/monitor.hpp"
#include "monitor/monitor_config.hpp"
#include "monitor/sample_text.hpp"

namespace autocut::cli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) { interrupted = true; }

}  // namespace

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

  const auto profile = detect_profile(options.detection, settings);
  const sys::HostRoot root = options.detection.root ? sys::HostRoot(*options.detection.root) : sys::HostRoot();
  monitor::Monitor monitor(std::make_unique<monitor::SystemSampler>(root, profile, detect_options(settings)),
                           profile.profile_class, monitor_settings);
  const auto language = chosen_language(options.detection, locale_language);

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  // CPU use is a difference between two readings: the first sample only primes it.
  monitor.sample_now();
  std::this_thread::sleep_for(std::min(monitor_settings.interval, std::chrono::milliseconds(250)));
  const int limit = options.once ? 1 : options.count.value_or(0);
  for (int printed = 0; !interrupted && (limit == 0 || printed < limit); ++printed) {
    if (printed > 0) {
      for (auto waited = std::chrono::milliseconds(0); waited < monitor_settings.interval && !interrupted;
           waited += std::chrono::milliseconds(50))
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (interrupted) break;
    }
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
