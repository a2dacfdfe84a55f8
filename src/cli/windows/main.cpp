// autocut.exe: the commands that work on Windows (docs/windows.md), over the same code as on Linux; the
// console speaks UTF-8 so that the Chinese explanation and the symbols print as they are.
#include <windows.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/capture_command.hpp"
#include "cli/command_line.hpp"
#include "cli/export_command.hpp"
#include "cli/monitor_command.hpp"
#include "cli/policy_command.hpp"
#include "cli/profile_command.hpp"
#include "cli/serve_command.hpp"
#include "core/language.hpp"
#include "sys/windows/live_host.hpp"

namespace {

// Where a Windows program keeps its own state: %LOCALAPPDATA%\autocut, not the folder it happened to start in.
std::filesystem::path state_folder() {
  if (const wchar_t* local = _wgetenv(L"LOCALAPPDATA"); local && *local)
    return std::filesystem::path(local) / "autocut";
  return ".";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace autocut;
  SetConsoleOutputCP(CP_UTF8);
  CLI::App app{"autocut — knows the machine it runs on and what AI work it can take"};
  app.require_subcommand(1);
  cli::ProfileOptions profile_options;
  cli::PolicyOptions policy_options;
  cli::AdmitOptions admit_options;
  cli::ExportOptions export_options;
  cli::CaptureOptions capture_options;
  cli::MonitorOptions monitor_options;
  cli::ServeOptions serve_options;
  serve_options.state_dir = state_folder();
  auto* profile = cli::add_profile_command(app, profile_options);
  auto* policy = cli::add_policy_command(app, policy_options);
  auto* admit = cli::add_admit_command(app, admit_options);
  auto* export_command = cli::add_export_command(app, export_options);
  auto* capture = cli::add_capture_command(app, capture_options);
  auto* monitor = cli::add_monitor_command(app, monitor_options);
  auto* serve = cli::add_serve_command(app, serve_options);
  if (const auto exit_code = cli::parse_command_line(app, argc, argv)) return *exit_code;

  const cli::DetectionFlags no_flags;
  const auto& detection = profile->parsed()          ? profile_options.detection
                          : policy->parsed()         ? policy_options.detection
                          : admit->parsed()          ? admit_options.detection
                          : export_command->parsed() ? export_options.detection
                          : monitor->parsed()        ? monitor_options.detection
                          : serve->parsed()          ? serve_options.detection
                                                     : no_flags;
  const auto read = cli::read_settings(detection, std::cerr);
  if (!read) return 2;
  const auto& settings = *read;

  const auto language = core::language_from_environment();
  if (profile->parsed()) return cli::run_profile_command(profile_options, settings, language, std::cout, std::cerr);
  if (policy->parsed()) return cli::run_policy_command(policy_options, settings, language, std::cout);
  if (admit->parsed()) return cli::run_admit_command(admit_options, settings, language, std::cout);
  if (export_command->parsed()) return cli::run_export_command(export_options, settings, std::cout, std::cerr);
  if (monitor->parsed()) return cli::run_monitor_command(monitor_options, settings, language, std::cout, std::cerr);
  if (serve->parsed()) return cli::run_serve_command(serve_options, settings, language, std::cout, std::cerr);
  if (capture->parsed()) {
    sys::windows::LiveHost host(settings.nvml_library);
    return cli::run_capture_command(capture_options, settings, host, std::cout, std::cerr);
  }
  return 2;
}
