#include "cli/serve_command.hpp"

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "api/http_server.hpp"
#include "api/routes.hpp"
#include "cli/analysis_worker.hpp"
#include "cli/policy_command.hpp"
#include "cli/process_settings.hpp"
#include "fleet/nfd_labels.hpp"
#include "monitor/machine_sampler.hpp"
#include "monitor/monitor_config.hpp"
#include "service/runtime_service.hpp"
#include "service/service_manager.hpp"
#include "sys/atomic_file.hpp"
#include "sys/stop_requests.hpp"

namespace autocut::cli {
namespace {

// The token from --token-file (first line, surrounding blanks dropped) or AUTOCUT_API_TOKEN.
std::optional<std::string> read_token(const ServeOptions& options, const config::Settings& settings,
                                      std::string& error) {
  if (!options.token_file) return settings.api_token;
  std::ifstream in(*options.token_file);
  std::string token;
  if (!in || !std::getline(in, token)) {
    error = "cannot read the token file " + options.token_file->string();
    return std::nullopt;
  }
  const auto first = token.find_first_not_of(" \t\r");
  const auto last = token.find_last_not_of(" \t\r");
  token = first == std::string::npos ? "" : token.substr(first, last - first + 1);
  if (token.size() < 16) {
    error = "the token in " + options.token_file->string() + " is shorter than 16 characters";
    return std::nullopt;
  }
  return token;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  auto* command = app.add_subcommand("serve", "Detect, adapt and serve the runtime API, events and metrics");
  add_detection_flags(*command, options.detection);
  command->add_option("--listen", options.listen, "Address and port to listen on")->capture_default_str();
  command->add_option("--state-dir", options.state_dir, "Directory for runtime_profile.json")->capture_default_str();
  command->add_option("--token-file", options.token_file,
                      "File holding the API token (else AUTOCUT_API_TOKEN); required beyond loopback");
  command->add_option("--nfd-file", options.nfd_file,
                      "Keep a Node Feature Discovery feature file current at this path");
  command->add_flag("--metrics-token", options.metrics_need_token, "Require the token on /metrics too");
  command->add_flag("--quiet", options.quiet, "Do not print the explanation at start");
  command
      ->add_option("--media-dir", options.media_dirs,
                   "Analysis reads videos only under this directory (repeatable; symlinks resolved first). Beyond "
                   "loopback only these are readable; on loopback, without it, any absolute path is")
      ->check(CLI::ExistingDirectory);
  return command;
}

int run_serve_command(const ServeOptions& options, const config::Settings& settings, core::Language locale_language,
                      std::ostream& out, std::ostream& err) {
  const auto fail = [&](const std::string& message) {
    err << "autocut: " << message << "\n";
    return 1;
  };
  const auto address = api::parse_listen_address(options.listen);
  if (!address) return fail("--listen \"" + options.listen + "\" is not HOST:PORT with an IP address");
  std::string token_error;
  const auto token = read_token(options, settings, token_error);
  if (!token_error.empty()) return fail(token_error);
  if (!address->loopback() && !token)
    return fail("listening on " + address->describe() +
                " reaches beyond this machine: set AUTOCUT_API_TOKEN or --token-file (16 characters or more)");
  std::vector<std::string> errors;
  const auto monitor_settings = monitor::configured_monitor(settings.monitor, errors);
  for (const auto& error : errors) err << "autocut: " << error << "\n";
  if (!errors.empty()) return 2;

  // Ctrl-C and its kin, from here on, come to this thread's wait below.
  sys::StopRequests outside;

  const auto language = chosen_language(options.detection, locale_language);
  const auto sampling_options = detect_options(settings);
  service::ServiceSetup setup;
  setup.detect = [&](service::DetectionDepth depth) {
    return detect_profile(options.detection, settings, depth == service::DetectionDepth::complete);
  };
  setup.sampler = [root = options.detection.root, sampling_options](const core::RuntimeProfile& profile) {
    return monitor::machine_sampler(root, profile, sampling_options);
  };
  setup.policy_config = policy_config(settings, options.state_dir, &err);
  setup.monitor = monitor_settings;
  if (settings.level_floor) setup.monitor.engine.initial_floor = core::parse_level(*settings.level_floor);
  setup.profile_path = options.state_dir / "runtime_profile.json";
  // Said once serving: a state directory unusable from the start is one error below, not three.
  std::atomic<bool> serving{false};
  std::optional<std::string> unsaved;  // the first save's failure, before serving: fatal
  setup.on_warning = [&err, &serving, &unsaved](const std::string& message) {
    if (serving)
      err << "autocut: " << message << std::endl;
    else if (!unsaved)
      unsaved = message;
  };
  if (options.nfd_file)
    setup.on_level = [path = *options.nfd_file, &err](const core::RuntimeProfile& profile,
                                                      const policy::ExecutionPolicy& policy) {
      if (const auto error = sys::write_file_atomically(path, fleet::nfd_feature_file(profile, policy)))
        err << "autocut: " << *error << std::endl;
    };

  // The address is bound first: one in use is said before any detection, and a client that connects while the
  // service starts waits in the listening queue for its answer instead of being refused. Nothing is accepted before
  // start(), by which time `routes` is set.
  api::Handler routes;
  std::unique_ptr<api::HttpServer> server;
  std::unique_ptr<service::RuntimeService> service;
  std::unique_ptr<service::AnalysisQueue> analysis;
  try {
    server =
        std::make_unique<api::HttpServer>(*address, [&routes](const api::Request& request) { return routes(request); });
    service = std::make_unique<service::RuntimeService>(std::move(setup));
    // Without the worker the service still runs; /api/analyze then says why it cannot.
    std::string worker_error;
    std::optional<service::AnalysisLaunch> launch;
    if (const auto program = analysis_worker_program(settings, worker_error)) {
      launch = service::AnalysisLaunch{*program, analysis_worker_environment(settings)};
      launch->results_dir = options.state_dir / "analysis";
      launch->keyframes_max_bytes = settings.keyframes_max_mib << 20;
    }
    const bool restricted = !address->loopback() || !options.media_dirs.empty();
    analysis = std::make_unique<service::AnalysisQueue>(
        *service, std::move(launch), worker_error,
        restricted ? analysis_jobs::MediaRoots::only(options.media_dirs) : analysis_jobs::MediaRoots::anywhere());
    routes = api::make_routes(*service, {token, options.metrics_need_token, language, analysis.get()});
  } catch (const std::exception& error) {
    return fail(error.what());
  }
  // The service saved the profile as it started; a state directory that cannot hold it is an error now, not later.
  if (unsaved) return fail(*unsaved + " (choose another --state-dir)");
  serving = true;

  // Said before the background detection starts, so it is always the fast pass's, "still checking" included.
  if (!options.quiet) out << service->explanation(language) << "\n";
  server->start();
  service->start();
  out << "autocut: serving on http://" << address->describe() << " (port " << server->port() << ")" << std::endl;
  // Alive while the service's state can be read: a deadlock there stops the pings and systemd restarts it.
  service::ServiceManager manager([&service] { return service->monitor_status().running; });
  manager.ready("serving on " + address->describe());

  // What was said at start for the probes still running is said again, whole, once they have answered.
  bool told_complete = service->complete();
  for (;;) {
    const auto request = told_complete ? std::optional(outside.wait()) : outside.wait(std::chrono::milliseconds(50));
    if (!told_complete && service->complete()) {
      told_complete = true;
      out << "autocut: detection complete" << std::endl;
      if (!options.quiet) out << service->explanation(language) << std::endl;
    }
    if (!request) continue;
    if (*request == sys::OutsideRequest::stop) break;
    service->reload_profile();
    out << "autocut: detected the machine again" << std::endl;
  }
  out << "autocut: stopping" << std::endl;
  manager.stopping();
  server->stop();
  analysis->stop();
  service->stop();
  return 0;
}

}  // namespace autocut::cli
