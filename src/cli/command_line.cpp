#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/process_settings.hpp"

namespace autocut::cli {

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    // One line a person can act on, and the usage exit status.
    std::cerr << "autocut: " << error.what() << " (see autocut --help)\n";
    return 2;
  }
  return std::nullopt;
}

std::optional<config::Settings> read_settings(const DetectionFlags& detection, std::ostream& err) {
  auto settings = load_process_settings(detection.env_file, settings_overrides(detection));
  for (const auto& problem : settings.problems) err << "autocut: " << problem << "\n";
  for (const auto& error : settings.errors) err << "autocut: " << error << "\n";
  if (!settings.errors.empty()) return std::nullopt;
  return settings;
}

}  // namespace autocut::cli
