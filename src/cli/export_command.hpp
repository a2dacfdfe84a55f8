// `autocut export nfd`: the profile as Node Feature Discovery feature labels, for a cluster scheduler.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <iosfwd>
#include <optional>

#include "cli/detection_flags.hpp"
#include "config/settings.hpp"

namespace autocut::cli {

struct ExportOptions {
  DetectionFlags detection;
  std::optional<std::filesystem::path> output;  // default: standard output
};

CLI::App* add_export_command(CLI::App& app, ExportOptions& options);
int run_export_command(const ExportOptions& options, const config::Settings& settings, std::ostream& out,
                       std::ostream& err);

}  // namespace autocut::cli
