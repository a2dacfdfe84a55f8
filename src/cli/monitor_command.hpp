// `autocut monitor`: the live figures the adaptation rules watch, one line per interval until interrupted.
#pragma once

#include <CLI/App.hpp>
#include <iosfwd>
#include <optional>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

struct MonitorOptions {
  DetectionFlags detection;
  std::optional<double> interval_s;  // default: AUTOCUT_MONITOR_INTERVAL_S, else 5 s
  std::optional<int> count;          // stop after this many lines
  bool once = false;                 // one sample (as JSON with --json)
  bool json = false;
};

CLI::App* add_monitor_command(CLI::App& app, MonitorOptions& options);
int run_monitor_command(const MonitorOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
