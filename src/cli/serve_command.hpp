// `autocut serve`: detect, resolve, start the monitor, save the profile, explain, then serve the HTTP API until
// SIGINT or SIGTERM (SIGHUP detects again).
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

struct ServeOptions {
  DetectionFlags detection;
  std::string listen = "127.0.0.1:8000";
  std::filesystem::path state_dir = ".";
  std::optional<std::filesystem::path> token_file;
  std::optional<std::filesystem::path> nfd_file;
  bool metrics_need_token = false;
  bool quiet = false;                             // no explanation at start
  std::vector<std::filesystem::path> media_dirs;  // where analysis may read videos; required beyond loopback
};

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);
int run_serve_command(const ServeOptions& options, const config::Settings& settings, core::Language locale_language,
                      std::ostream& out, std::ostream& err);

}  // namespace autocut::cli
