#include "cli/capture_answers_command.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/process_settings.hpp"
#include "detect/detect_all.hpp"

namespace autocut::cli {

CLI::App* add_capture_answers_command(CLI::App& app, CaptureAnswersOptions& options) {
  auto* command = app.add_subcommand(
      "capture",
      "Record what this machine's AI servers and ffmpeg answer into DIR/autocut-answers, for `autocut "
      "profile --root DIR` (scripts/capture-host copies the machine's files beside them)");
  command->add_option("directory", options.directory, "The capture's directory (made if missing)")->required();
  command->add_option("--ollama-host", options.detection.ollama_host, "Where Ollama listens (overrides OLLAMA_HOST)");
  command->add_option("--env-file", options.detection.env_file, "Settings file to read (default: .env here)");
  return command;
}

int run_capture_answers_command(const CaptureAnswersOptions& options, const config::Settings& settings,
                                std::ostream& out, std::ostream& err) {
  const auto answers = options.directory / detect::kAnswersDirectory;
  std::error_code ec;
  // Answers of an earlier capture must not mix with this one's.
  std::filesystem::remove_all(answers, ec);
  if (!ec) std::filesystem::create_directories(answers, ec);
  if (ec) {
    err << "autocut: cannot make " << answers.string() << ": " << ec.message() << "\n";
    return 1;
  }
  auto detection = detect_options(settings);
  detection.answers = detect::CapturedAnswers{detect::CapturedAnswers::Mode::record, answers};
  const auto facts = detect::detect_all(sys::HostRoot(), detection);
  for (const auto& probe : facts.probes)
    if (probe.name == "ai-runtimes" || probe.name == "ffmpeg")
      out << "autocut: recorded " << probe.name << ": " << probe.detail << "\n";
  out << "autocut: answers kept in " << answers.string() << "; replay with autocut profile --root "
      << options.directory.string() << "\n";
  return 0;
}

}  // namespace autocut::cli
