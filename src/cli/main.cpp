// The autocut executable: parses the command line, reads the configuration once, and hands over to a subcommand.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/analyze_command.hpp"
#include "cli/capture_answers_command.hpp"
#include "cli/command_line.hpp"
#include "cli/export_command.hpp"
#include "cli/monitor_command.hpp"
#include "cli/policy_command.hpp"
#include "cli/profile_command.hpp"
#include "cli/serve_command.hpp"
#include "core/language.hpp"

int main(int argc, char** argv) {
  using namespace autocut;
  CLI::App app{"autocut — knows the machine it runs on and what AI work it can take"};
  app.require_subcommand(1);
  cli::ProfileOptions profile_options;
  cli::PolicyOptions policy_options;
  cli::AdmitOptions admit_options;
  cli::MonitorOptions monitor_options;
  auto* profile = cli::add_profile_command(app, profile_options);
  auto* policy = cli::add_policy_command(app, policy_options);
  auto* admit = cli::add_admit_command(app, admit_options);
  cli::add_monitor_command(app, monitor_options);
  cli::ServeOptions serve_options;
  auto* serve = cli::add_serve_command(app, serve_options);
  cli::ExportOptions export_options;
  auto* export_command = cli::add_export_command(app, export_options);
  cli::AnalyzeOptions analyze_options;
  auto* analyze = cli::add_analyze_command(app, analyze_options);
  cli::CaptureAnswersOptions capture_options;
  auto* capture = cli::add_capture_answers_command(app, capture_options);
  if (const auto exit_code = cli::parse_command_line(app, argc, argv)) return *exit_code;

  const auto& detection = profile->parsed()          ? profile_options.detection
                          : policy->parsed()         ? policy_options.detection
                          : admit->parsed()          ? admit_options.detection
                          : serve->parsed()          ? serve_options.detection
                          : export_command->parsed() ? export_options.detection
                          : analyze->parsed()        ? analyze_options.detection
                          : capture->parsed()        ? capture_options.detection
                                                     : monitor_options.detection;
  const auto read = cli::read_settings(detection, std::cerr);
  if (!read) return 2;
  const auto& settings = *read;

  const auto language = core::language_from_environment();
  if (profile->parsed()) return cli::run_profile_command(profile_options, settings, language, std::cout, std::cerr);
  if (policy->parsed()) return cli::run_policy_command(policy_options, settings, language, std::cout);
  if (admit->parsed()) return cli::run_admit_command(admit_options, settings, language, std::cout);
  if (export_command->parsed()) return cli::run_export_command(export_options, settings, std::cout, std::cerr);
  if (analyze->parsed()) return cli::run_analyze_command(analyze_options, settings, language, std::cout, std::cerr);
  if (serve->parsed()) return cli::run_serve_command(serve_options, settings, language, std::cout, std::cerr);
  if (capture->parsed()) return cli::run_capture_answers_command(capture_options, settings, std::cout, std::cerr);
  return cli::run_monitor_command(monitor_options, settings, language, std::cout, std::cerr);
}
