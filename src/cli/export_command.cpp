#include "cli/export_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <ostream>

#include "cli/policy_command.hpp"
#include "fleet/nfd_labels.hpp"
#include "policy/resolve.hpp"
#include "sys/atomic_file.hpp"

namespace autocut::cli {

CLI::App* add_export_command(CLI::App& app, ExportOptions& options) {
  auto* command = app.add_subcommand("export", "Export the profile for other tools");
  auto* nfd = command->add_subcommand("nfd", "As Node Feature Discovery feature labels (features.d file format)");
  add_detection_flags(*nfd, options.detection);
  nfd->add_option("--output", options.output,
                  "Write here atomically, e.g. /etc/kubernetes/node-feature-discovery/features.d/autocut");
  command->require_subcommand(1);
  return command;
}

int run_export_command(const ExportOptions& options, const config::Settings& settings, std::ostream& out,
                       std::ostream& err) {
  const auto profile = detect_profile(options.detection, settings);
  const auto policy =
      policy::resolve(profile, policy_config(settings, ".", &std::cerr), chosen_level(profile, settings, std::nullopt));
  const auto file = fleet::nfd_feature_file(profile, policy);
  if (!options.output) {
    out << file;
    return 0;
  }
  if (const auto error = sys::write_file_atomically(*options.output, file)) {
    err << "autocut: " << *error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace autocut::cli
