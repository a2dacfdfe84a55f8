#include "cli/capture_command.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/process_settings.hpp"
#include "detect/windows/detect_windows.hpp"
#include "sys/atomic_file.hpp"
#include "sys/windows/recording.hpp"

namespace autocut::cli {

CLI::App* add_capture_command(CLI::App& app, CaptureOptions& options) {
  auto* command = app.add_subcommand("capture", "Record this machine's answers for `autocut profile --root FILE`");
  command->add_option("file", options.output, "Where to write the recording (JSON)")->required();
  return command;
}

int run_capture_command(const CaptureOptions& options, const config::Settings& settings,
                        sys::windows::WindowsHost& host, std::ostream& out, std::ostream& err) {
  sys::windows::RecordingHost recorder(host);
  const auto facts = detect::windows::detect_windows(recorder, detect_options(settings), false);
  const auto text = sys::windows::recording_to_json(recorder.recording()).dump(2) + "\n";
  if (const auto error = sys::write_file_atomically(options.output, text)) {
    err << "autocut: " << *error << "\n";
    return 1;
  }
  out << "autocut: recorded what detection asked (" << facts.probes.size() << " probes) in " << options.output.string()
      << "; replay it with autocut profile --root " << options.output.string() << "\n";
  return 0;
}

}  // namespace autocut::cli
