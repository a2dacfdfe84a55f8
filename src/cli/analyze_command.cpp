#include "cli/analyze_command.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analysis_jobs/analysis_job.hpp"
#include "analysis_jobs/progress_text.hpp"
#include "cli/analysis_worker.hpp"
#include "cli/policy_command.hpp"
#include "cli/process_settings.hpp"
#include "monitor/machine_sampler.hpp"
#include "monitor/monitor.hpp"
#include "monitor/monitor_config.hpp"
#include "monitor/sample_text.hpp"
#include "policy/resolve.hpp"
#include "sys/atomic_file.hpp"

namespace autocut::cli {
namespace {

using json = nlohmann::ordered_json;

analysis_jobs::AnalysisJob* running_job = nullptr;

extern "C" void cancel_running_job(int) {
  if (running_job) running_job->cancel();
}

std::string read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot be read";
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CLI::App* add_analyze_command(CLI::App& app, AnalyzeOptions& options) {
  auto* command = app.add_subcommand("analyze", "Describe each scene of a video on the backend the policy chooses");
  command->add_option("video", options.video, "The video file")->required();
  auto* scenes = command->add_option("--scenes", options.scenes_file,
                                     "Scenes as a JSON list of {start, end} or PySceneDetect's CSV");
  command->add_flag("--detect-scenes", options.detect_scenes, "Find the scenes by content (the default)")
      ->excludes(scenes);
  command->add_option("--out", options.out, "Write the results here as JSON (atomically)");
  command->add_option("--backend", options.backend, "Run vision only here, then the builtin analyzer")
      ->check(CLI::IsMember({"ollama-gpu", "ollama-cpu", "local-openai", "cloud", "builtin"}));
  command->add_flag("--json", options.json, "Print the results as JSON");
  add_detection_flags(*command, options.detection);
  return command;
}

int run_analyze_command(const AnalyzeOptions& options, const config::Settings& settings, core::Language locale_language,
                        std::ostream& out, std::ostream& err) {
  const auto fail = [&](const std::string& message, int code) {
    err << "autocut: " << message << "\n";
    return code;
  };
  analysis_jobs::AnalysisRequest request;
  request.video = options.video;
  if (const auto problem = analysis_jobs::check_video_path(request.video); !problem.empty()) return fail(problem, 2);
  if (options.scenes_file) {
    std::string error;
    const auto text = read_file(*options.scenes_file, error);
    if (error.empty()) analysis_jobs::read_scenes_text(text, request, error);
    if (!error.empty()) return fail(*options.scenes_file + ": " + error, 2);
  }
  if (options.out) {
    const auto directory = std::filesystem::absolute(*options.out).parent_path();
    if (!std::filesystem::is_directory(directory)) return fail("--out: " + directory.string() + " is no directory", 2);
  }
  std::string error;
  const auto program = analysis_worker_program(settings, error);
  if (!program) return fail(error, 2);
  std::vector<std::string> errors;
  auto monitor_settings = monitor::configured_monitor(settings.monitor, errors);
  for (const auto& problem : errors) err << "autocut: " << problem << "\n";
  if (!errors.empty()) return 2;
  if (settings.level_floor) monitor_settings.engine.initial_floor = core::parse_level(*settings.level_floor);

  const auto language = chosen_language(options.detection, locale_language);
  const auto profile = detect_profile(options.detection, settings);
  const auto config = policy_config(settings, ".", &std::cerr);
  monitor::Monitor monitor(monitor::machine_sampler(options.detection.root, profile, detect_options(settings)),
                           profile.profile_class, monitor_settings);

  std::optional<policy::VisionPlan> fixed_plan;
  if (options.backend) {
    const auto backend = *analysis_jobs::vision_backend_named(*options.backend);
    fixed_plan = policy::vision_plan_for_backend(profile, config, monitor.status().level, backend);
    if (!fixed_plan)
      return fail("--backend " + *options.backend +
                      ": this machine has nothing to run vision there (see autocut policy for what it has)",
                  2);
  }
  // The policy at the monitor's level, resolved again only when the level moves.
  std::optional<std::pair<core::Level, policy::VisionPlan>> cached;
  const auto current_plan = [&] {
    if (fixed_plan) return *fixed_plan;
    const auto level = monitor.status().level;
    if (!cached || cached->first != level)
      cached.emplace(level, policy::vision_plan(policy::resolve(profile, config, level), profile.facts));
    return cached->second;
  };

  analysis_jobs::AnalysisJob job("cli", request);
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  analysis_jobs::WorkerSetup setup;
  setup.program = *program;
  setup.environment = analysis_worker_environment(settings);
  setup.plan = current_plan;
  setup.on_attempt = [&](const analysis_jobs::AttemptOutcome& attempt) {
    const bool local = attempt.backend != "cloud";
    monitor.record_task({monitor::Clock::now(), "vision", attempt.backend, attempt.ok, attempt.duration, attempt.error},
                        local);
    monitor.sample_now();  // the failure rule judges now, before the next scene starts
  };
  setup.on_progress = [&] {
    if (terminal) err << "\r\033[K" << analysis_jobs::progress_line(job.progress(), language) << std::flush;
  };
  monitor.subscribe([&](const monitor::Event& event) {
    err << (terminal ? "\r\033[K" : "") << "autocut: " << core::to_string(event.from) << " → "
        << core::to_string(event.to) << " (" << event.rule << "): " << event.reason << std::endl;
  });

  running_job = &job;
  std::signal(SIGINT, cancel_running_job);
  std::signal(SIGTERM, cancel_running_job);
  monitor.sample_now();  // primes the CPU figure; the first judgement comes with the first attempt
  monitor.start();
  job.run(setup);
  monitor.stop();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  running_job = nullptr;
  if (terminal) err << "\r\033[K" << std::flush;

  auto document = job.to_json();
  auto events = json::array();
  for (const auto& event : monitor.events()) events.push_back(monitor::event_to_json(event));
  document["events"] = std::move(events);
  const auto dumped = document.dump(2, ' ', false, json::error_handler_t::replace);
  int code = document["state"] == "cancelled" ? 130 : document["state"] == "done" ? 0 : 1;
  if (code == 0 && document["summary"]["failed"].get<int>() > 0) code = 1;
  if (options.out)
    if (const auto problem = sys::write_file_atomically(*options.out, dumped + "\n")) {
      err << "autocut: the results could not be saved: " << *problem << "; here they are\n";
      out << dumped << "\n";
      return 1;
    }
  if (options.json)
    out << dumped << "\n";
  else
    out << analysis_jobs::summary_text(document, language);
  return code;
}

}  // namespace autocut::cli
